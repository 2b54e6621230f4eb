package io.lifeboat.vault.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.VaultClient;
import io.lifeboat.agent.VaultResponse;
import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.IdListCodec;
import io.lifeboat.replication.protocol.ReplicationPaths;
import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.vault.TestVault;
import io.vertx.core.http.HttpMethod;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block uploads over real HTTPS on loopback, read as they arrive ({@link StreamedUpload}): large
 * and small batches, repeats, blocks already held, and every refusal the whole-body path gave.
 */
class StreamedUploadTest {
    @TempDir
    Path dir;

    static EncodedBlock raw(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return new EncodedBlock(BlockId.of(b), BlockEncoding.RAW, size, b);
    }

    private static VaultResponse post(VaultClient c, String path, byte[] body) {
        return c.send(HttpMethod.POST, path, body, Map.of("Content-Type", ReplicationPaths.OCTETS));
    }

    @Test
    void uploadsOfEverySizeAreStoredAndAnsweredAsBefore() throws Exception {
        ReplicationRoutes routes = new ReplicationRoutes();
        try (TestVault v = new TestVault(dir, TlsEngine.select("auto"), routes)) {
            AgentLayout a = v.enrolled("m1");
            try (VaultClient c = VaultClient.open(a, v.server.engine())) {
                String blocks = ReplicationPaths.of(ReplicationPaths.BLOCKS, "m1");
                // a tiny batch, then one of ~20 MiB (more than one pack: two are laid out), with a repeat
                EncodedBlock one = raw(1, 100);
                assertThat(post(c, blocks, BlockBatchCodec.encode(List.of(one))).requireOk("tiny").text())
                        .isEqualTo("{\"stored\":1,\"present\":0}");
                List<EncodedBlock> big = new ArrayList<>();
                for (int i = 0; i < 640; i++) {
                    big.add(raw(100 + i, 32 * 1024));
                }
                big.add(big.get(5));
                big.add(one);
                VaultResponse r = post(c, blocks, BlockBatchCodec.encode(big));
                assertThat(r.requireOk("big").text()).isEqualTo("{\"stored\":640,\"present\":2}");
                List<BlockId> ids = big.stream().map(EncodedBlock::id).toList();
                VaultResponse missing = post(c, ReplicationPaths.of(ReplicationPaths.MISSING, "m1"), IdListCodec.encode(ids));
                assertThat(IdListCodec.decode(missing.requireOk("missing").body())).isEmpty();
                for (int i : new int[] {0, 333, 639}) {
                    VaultResponse back = c.get(ReplicationPaths.of(ReplicationPaths.BLOCK, "m1", big.get(i).id().hex()));
                    assertThat(back.requireOk("read").body()).isEqualTo(big.get(i).data());
                }
                // the same again: all present, nothing copied in
                assertThat(post(c, blocks, BlockBatchCodec.encode(big)).requireOk("again").text())
                        .isEqualTo("{\"stored\":0,\"present\":642}");
            }
        }
    }

    @Test
    void truncatedForgedAndHostileUploadsAreRefusedAndStoreNothing() throws Exception {
        ReplicationRoutes routes = new ReplicationRoutes();
        try (TestVault v = new TestVault(dir, TlsEngine.select("auto"), routes)) {
            AgentLayout a = v.enrolled("m2");
            try (VaultClient c = VaultClient.open(a, v.server.engine())) {
                String blocks = ReplicationPaths.of(ReplicationPaths.BLOCKS, "m2");
                EncodedBlock good = raw(7, 32 * 1024);
                byte[] wire = BlockBatchCodec.encode(List.of(good, raw(8, 32 * 1024)));
                VaultResponse truncated = post(c, blocks, Arrays.copyOf(wire, wire.length - 1000));
                assertThat(truncated.status()).isEqualTo(400);
                assertThat(truncated.json().getString("message"))
                        .isEqualTo("block batch, block 2 of 2 (offset 32817): truncated upload, body declares 32768 bytes,"
                                + " 31768 remain");

                EncodedBlock forged = new EncodedBlock(raw(9, 100).id(), BlockEncoding.RAW, 32 * 1024, raw(10, 32 * 1024).data());
                VaultResponse mismatch = post(c, blocks, BlockBatchCodec.encode(List.of(good, forged)));
                assertThat(mismatch.status()).isEqualTo(422);
                assertThat(mismatch.json().getString("message")).contains(forged.id().hex()).contains("nothing of it stored");

                byte[] hostile = ByteBuffer.allocate(8 + 41 + 10).put("LBB1".getBytes()).putInt(1).put(new byte[32])
                        .put((byte) 1).putInt(100).putInt(Integer.MAX_VALUE).array();
                VaultResponse huge = post(c, blocks, hostile);
                assertThat(huge.status()).isEqualTo(400);
                assertThat(huge.json().getString("message")).contains("block 1 of 1 (offset 8)").contains("body length");

                VaultResponse after = post(c, ReplicationPaths.of(ReplicationPaths.MISSING, "m2"),
                        IdListCodec.encode(List.of(good.id(), forged.id())));
                assertThat(IdListCodec.decode(after.requireOk("missing").body())).containsExactly(good.id(), forged.id());
                // the connection still serves: a good upload after the refusals
                assertThat(post(c, blocks, BlockBatchCodec.encode(List.of(good))).requireOk("good").text())
                        .isEqualTo("{\"stored\":1,\"present\":0}");
            }
        }
    }
}
