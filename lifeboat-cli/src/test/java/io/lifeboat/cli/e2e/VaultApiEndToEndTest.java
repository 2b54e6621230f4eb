package io.lifeboat.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.VaultClient;
import io.lifeboat.agent.VaultResponse;
import io.lifeboat.cli.testing.LifeboatProcess;
import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.BlockSealer;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.IdListCodec;
import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.replication.protocol.ReplicationPaths;
import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.ManifestCodec;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.tls.engine.TlsEngine;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance items 4 and 6, directly against the vault's HTTPS API with the agents' own
 * certificates: machine A cannot list, read or write machine B's points or blocks; a revoked machine
 * can do nothing; a truncated upload, a block whose hash does not match and a manifest naming
 * missing blocks each get a clear error, and nothing stored is lost.
 */
@Tag("e2e")
class VaultApiEndToEndTest {
    @TempDir
    Path tmp;

    static VaultResponse post(VaultClient c, String path, String type, byte[] body) {
        return c.send(HttpMethod.POST, path, body, Map.of("Content-Type", type));
    }

    static EncodedBlock block(long seed) {
        byte[] d = new byte[32 * 1024];
        new Random(seed).nextBytes(d);
        return BlockSealer.seal(BlockId.of(d), d, d.length, 1);
    }

    static byte[] commitOf(BlockId... ids) {
        List<BlockRef> refs = Arrays.stream(ids).map(id -> new BlockRef(id, 32 * 1024)).toList();
        Manifest m = new Manifest(Manifest.FORMAT_VERSION, "forged.img", SourceKind.IMAGE, 32 * 1024,
                List.of(new Entry("", EntryType.FILE, 0644, 0, 32L * 1024 * ids.length, null, refs)));
        return new PointCommit(0, PointCommit.CRASH_CONSISTENT, m).encode();
    }

    @Test
    void machinesAreIsolatedRevocationStopsEverythingAndBadInputLosesNothing() throws Exception {
        try (ReplicationLab lab = ReplicationLab.start(tmp)) {
            Path agentA = lab.enroll("api-a");
            Path agentB = lab.enroll("api-b");
            Path fileA = tmp.resolve("a.bin");
            Path fileB = tmp.resolve("b.bin");
            Files.write(fileA, ReplicationEndToEndTest.randomBytes(200_000, 10));
            Files.write(fileB, ReplicationEndToEndTest.randomBytes(200_000, 11));
            String pointA = lab.protect(agentA, fileA).path("point").path("id").asText();
            String pointB = lab.protect(agentB, fileB).path("point").path("id").asText();

            try (VaultClient a = VaultClient.open(new AgentLayout(agentA), TlsEngine.preferred());
                    VaultClient b = VaultClient.open(new AgentLayout(agentB), TlsEngine.preferred())) {
                String manifestB = b.get(ReplicationPaths.of(ReplicationPaths.POINT, "api-b", pointB)).requireOk("B's manifest").text();
                BlockId blockOfB = ManifestCodec.manifest(ReplicationLab.read(manifestB)).entries().get(0).blocks().get(0).id();
                isolation(a, pointB, blockOfB);
                badInput(a);
                revocation(lab, b, agentB, fileB);
            }

            // nothing stored was lost: both points are listed, verify is clean, both restore exactly
            assertThat(lab.points("api-a")).extracting(p -> p.path("id").asText()).containsExactly(pointA);
            assertThat(lab.points("api-b")).extracting(p -> p.path("id").asText()).containsExactly(pointB);
            lab.ok("verify", "--dir", lab.vault.toString());
            lab.failover("api-a", pointA, tmp.resolve("a.restored"));
            lab.failover("api-b", pointB, tmp.resolve("b.restored"));
            assertThat(Files.mismatch(tmp.resolve("a.restored"), fileA)).isEqualTo(-1);
            assertThat(Files.mismatch(tmp.resolve("b.restored"), fileB)).isEqualTo(-1);
        }
    }

    private static void isolation(VaultClient a, String pointB, BlockId blockOfB) {
        byte[] batch = BlockBatchCodec.encode(List.of(block(20)));
        List<VaultResponse> refused = List.of(
                a.get(ReplicationPaths.of(ReplicationPaths.POINTS, "api-b")),
                a.get(ReplicationPaths.of(ReplicationPaths.POINT, "api-b", pointB)),
                a.get(ReplicationPaths.of(ReplicationPaths.BLOCK, "api-b", blockOfB.hex())),
                post(a, ReplicationPaths.of(ReplicationPaths.MISSING, "api-b"), ReplicationPaths.OCTETS,
                        IdListCodec.encode(List.of(blockOfB))),
                post(a, ReplicationPaths.of(ReplicationPaths.BLOCKS, "api-b"), ReplicationPaths.OCTETS, batch),
                post(a, ReplicationPaths.of(ReplicationPaths.POINTS, "api-b"), ReplicationPaths.COMMIT, commitOf(blockOfB)));
        for (VaultResponse r : refused) {
            assertThat(r.status()).as(r.text()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("forbidden");
            assertThat(r.json().getString("message")).isEqualTo("machine api-a may not act for machine api-b");
        }
        // through its own paths, A learns nothing of B's block and cannot use it
        assertThat(a.get(ReplicationPaths.of(ReplicationPaths.BLOCK, "api-a", blockOfB.hex())).status()).isEqualTo(404);
        assertThat(a.get(ReplicationPaths.of(ReplicationPaths.POINT, "api-a", pointB)).status()).isEqualTo(404);
        VaultResponse missing = post(a, ReplicationPaths.of(ReplicationPaths.MISSING, "api-a"), ReplicationPaths.OCTETS,
                IdListCodec.encode(List.of(blockOfB)));
        assertThat(IdListCodec.decode(missing.requireOk("missing").body())).containsExactly(blockOfB);
        VaultResponse steal = post(a, ReplicationPaths.of(ReplicationPaths.POINTS, "api-a"), ReplicationPaths.COMMIT,
                commitOf(blockOfB));
        assertThat(steal.status()).isEqualTo(409);
        assertThat(steal.json().getString("message")).contains(blockOfB.hex()).contains("is not stored");
        String listA = a.get(ReplicationPaths.of(ReplicationPaths.POINTS, "api-a")).requireOk("list").text();
        assertThat(listA).doesNotContain("api-b");
    }

    private static void badInput(VaultClient a) {
        String blocks = ReplicationPaths.of(ReplicationPaths.BLOCKS, "api-a");
        EncodedBlock good = block(30);
        byte[] wire = BlockBatchCodec.encode(List.of(good, block(31)));
        VaultResponse truncated = post(a, blocks, ReplicationPaths.OCTETS, Arrays.copyOf(wire, wire.length - 1000));
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.json().getString("message")).contains("block 2 of 2").contains("truncated upload");

        EncodedBlock forged = new EncodedBlock(block(32).id(), BlockEncoding.RAW, 32 * 1024, block(33).data());
        VaultResponse mismatch = post(a, blocks, ReplicationPaths.OCTETS, BlockBatchCodec.encode(List.of(good, forged)));
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.json().getString("message")).contains(block(32).id().hex()).contains("nothing of it stored");

        VaultResponse incomplete = post(a, ReplicationPaths.of(ReplicationPaths.POINTS, "api-a"), ReplicationPaths.COMMIT,
                commitOf(block(34).id()));
        assertThat(incomplete.status()).isEqualTo(409);
        assertThat(incomplete.json().getString("message")).contains(block(34).id().hex());

        // none of the refused blocks was stored
        VaultResponse after = post(a, ReplicationPaths.of(ReplicationPaths.MISSING, "api-a"), ReplicationPaths.OCTETS,
                IdListCodec.encode(List.of(good.id(), block(31).id(), block(32).id())));
        assertThat(IdListCodec.decode(after.requireOk("missing").body()))
                .containsExactly(good.id(), block(31).id(), block(32).id());
    }

    private static void revocation(ReplicationLab lab, VaultClient b, Path agentB, Path fileB) {
        lab.ok("vault", "revoke", "--dir", lab.vault.toString(), "--machine", "api-b");
        for (VaultResponse r : List.of(
                b.get(ReplicationPaths.of(ReplicationPaths.POINTS, "api-b")),
                post(b, ReplicationPaths.of(ReplicationPaths.MISSING, "api-b"), ReplicationPaths.OCTETS, new byte[32]),
                post(b, ReplicationPaths.of(ReplicationPaths.BLOCKS, "api-b"), ReplicationPaths.OCTETS,
                        BlockBatchCodec.encode(List.of(block(40)))))) {
            assertThat(r.status()).as(r.text()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("revoked");
        }
        LifeboatProcess.Result protect = lab.run("agent", "protect", "--dir", agentB.toString(), "--once", "--json",
                fileB.toString());
        assertThat(protect.exitCode()).as(protect.toString()).isEqualTo(11);
        JsonNode failed = ReplicationLab.events(protect.stdout()).stream()
                .filter(e -> e.path("event").asText().equals("failed")).findFirst().orElseThrow();
        assertThat(failed.path("message").asText()).contains("403");
    }
}
