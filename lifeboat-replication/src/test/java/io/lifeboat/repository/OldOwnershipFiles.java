package io.lifeboat.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of {@code machines/<machine>/<id>} that vaults wrote before the binary form (session 16
 * of issue 14), as {@code docs/repository-format.md} documents it: {@code {"version":2,"machine":..,
 * "blocks":{"<id>":millis,..}}}. Tests make "old" vaults with it rather than checking one in.
 */
final class OldOwnershipFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OldOwnershipFiles() {
    }

    static byte[] json(String machine, Map<BlockId, Long> blocks) {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", 2);
        n.put("machine", machine);
        ObjectNode b = n.putObject("blocks");
        blocks.forEach((id, t) -> b.put(id.hex(), t));
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The record's blocks and upload times, in the file's order. */
    static Map<BlockId, Long> map(OwnershipCodec.OwnedBlocks blocks) {
        Map<BlockId, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < blocks.count(); i++) {
            out.put(blocks.ids()[i], blocks.uploaded()[i]);
        }
        return out;
    }

    /** Rewrites every ownership record of the local repository at {@code repo} in the JSON form; returns how many. */
    static int rewriteAsJson(Path repo) throws IOException {
        LocalBackend local = new LocalBackend(repo);
        int n = 0;
        for (String name : local.list(FileType.MACHINES)) {
            Path file = local.path(new Handle(FileType.MACHINES, name));
            OwnershipCodec.OwnedBlocks rec = OwnershipCodec.read(Files.readAllBytes(file), name);
            Files.write(file, json(name.substring(0, name.indexOf('/')), map(rec)));
            n++;
        }
        return n;
    }

    /** True when the ownership file {@code name} ("machine/id") is in the binary form. */
    static boolean isBinary(Path repo, String name) throws IOException {
        return OwnershipCodec.isBinary(Files.readAllBytes(new LocalBackend(repo).path(new Handle(FileType.MACHINES, name))));
    }
}
