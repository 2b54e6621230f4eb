package io.lifeboat.vault.cluster;

import io.lifeboat.vault.VaultLayout;
import io.lifeboat.vault.store.JsonFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A node's id, {@code V/node-id}: 12 random hex digits made at the first start and kept, so a restart is the same node. */
final class NodeId {
    private static final SecureRandom RANDOM = new SecureRandom();

    private NodeId() {
    }

    static synchronized String of(VaultLayout layout) throws IOException {
        if (Files.isRegularFile(layout.nodeId())) {
            String id = Files.readString(layout.nodeId(), StandardCharsets.US_ASCII).trim();
            if (id.matches("[0-9a-f]{12}")) {
                return id;
            }
        }
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        JsonFiles.writeBytes(layout.nodeId(), (id + "\n").getBytes(StandardCharsets.US_ASCII), false);
        return id;
    }
}
