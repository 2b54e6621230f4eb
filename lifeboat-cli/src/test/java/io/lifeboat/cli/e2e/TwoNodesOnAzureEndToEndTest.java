package io.lifeboat.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cli.testing.LifeboatProcess;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.azure.AzureBlobBackend;
import io.lifeboat.repository.backend.azure.AzureBlobStore;
import io.lifeboat.repository.backend.azure.Azurite;
import io.lifeboat.repository.backend.azure.AzuriteExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code vault serve} processes on one Azurite container (issue 19, acceptance 3 and 4): node 1 is
 * killed with SIGKILL in the middle of an upload and the agent, which knows both nodes, finishes the
 * pass through node 2 without sending again what was stored; two machines commit through the two nodes
 * while prunes run beside them, and no point is lost, no block a point names is deleted, and verify
 * finds everything.
 */
class TwoNodesOnAzureEndToEndTest {
    /** One emulator for the three tests, each in a container of its own. */
    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();

    static final int MIB = 1 << 20;

    @TempDir
    Path tmp;

    private List<String> store(Azurite azurite, String container) throws Exception {
        Path credentials = tmp.resolve("azure.conn");
        Files.writeString(credentials, azurite.connectionString() + "\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        return List.of("--store", "azure-blob://" + container + "/site", "--credentials-file", credentials.toString());
    }

    @Test
    void anAgentFinishesItsPassThroughNode2WhenNode1IsKilledMidUpload() throws Exception {
        Azurite azurite = AZURITE.get();
        String container = azurite.newContainer();
        try (TwoVaultNodes nodes = TwoVaultNodes.start(tmp.resolve("lab"), store(azurite, container))) {
            nodes.joinSecondNode();
            Path agent = nodes.lab.enroll("web-1"); // through node 1: the answer lists both nodes
            assertThat(Files.readString(agent.resolve("nodes.json"))).contains(nodes.address1(), nodes.address2());
            byte[] image = new byte[160 * MIB]; // random: every block is sent, none compresses
            new Random(19).nextBytes(image);
            Path img = tmp.resolve("disk.img");
            Files.write(img, image);

            LifeboatProcess protect = nodes.lab.startProtect(agent, img);
            awaitPacks(azurite, container, 2, protect); // node 1 has stored some of it
            nodes.killFirst();
            int code = protect.waitFor(ReplicationLab.T);
            LifeboatProcess.Result pass = new LifeboatProcess.Result(code, protect.stdout(), protect.stderr());
            assertThat(code).as(pass.toString()).isZero();
            List<JsonNode> events = ReplicationLab.events(pass.stdout());
            assertThat(events).as("the agent retried after node 1 died").anyMatch(e -> e.path("event").asText().equals("retrying"));
            JsonNode committed = ReplicationLab.committed(pass);
            // what node 1 stored was not sent again: at most the batches in flight at the kill (two of ~16 MiB)
            assertThat(committed.path("bytesSent").asLong()).as(committed.toString()).isLessThanOrEqualTo(image.length + 40L * MIB);
            // random blocks do not compress: the packs' bytes are the blocks stored, each once but for
            // the batches in flight at the kill (how many packs they make depends on the batch cuts)
            try (Backend store = AzureBlobBackend.open(new AzureBlobStore(container, "site"), azurite.connectionString())) {
                long packBytes = 0;
                for (String name : store.list(FileType.DATA)) {
                    packBytes += store.size(new Handle(FileType.DATA, name)).orElseThrow();
                }
                assertThat(packBytes).as("no block stored twice").isBetween((long) image.length, image.length + 40L * MIB);
            }

            List<JsonNode> points = nodes.lab.points("web-1");
            assertThat(points).hasSize(1);
            Path restored = tmp.resolve("restored.img");
            nodes.lab.failover("web-1", points.get(0).path("id").asText(), restored);
            assertThat(Files.mismatch(restored, img)).isEqualTo(-1L);
            var verify = nodes.lab.ok("verify", "--dir", nodes.lab.vault.toString(), "--json");
            assertThat(ReplicationLab.read(verify.stdout()).path("ok").asBoolean()).as(verify.toString()).isTrue();
        }
    }

    @Test
    void commitsOnBothNodesAndPrunesAtOnceLoseNoPointAndNoBlock() throws Exception {
        Azurite azurite = AZURITE.get();
        String container = azurite.newContainer();
        try (TwoVaultNodes nodes = TwoVaultNodes.start(tmp.resolve("lab"), store(azurite, container))) {
            ReplicationLab lab = nodes.lab;
            lab.ok("vault", "policy", "--dir", lab.vault.toString(), "--keep-last", "2", "--lock-period", "0s");
            nodes.joinSecondNode();
            Path web = lab.enroll("web-1"); // uses node 1
            Path db = nodes.enrollThroughSecond("db-1"); // uses node 2
            Path webImg = tmp.resolve("web.img");
            Path dbImg = tmp.resolve("db.img");
            byte[] webBytes = random(1, 8 * MIB);
            byte[] dbBytes = random(2, 8 * MIB);

            List<String> webPoints = new ArrayList<>();
            List<String> dbPoints = new ArrayList<>();
            Set<String> packsSeen = new HashSet<>();
            int prunesRun = 0;
            for (int round = 0; round < 4; round++) {
                // the same first MiB changes every round, so older rounds' copies of it die
                System.arraycopy(random(100 + round, MIB), 0, webBytes, 0, MIB);
                System.arraycopy(random(200 + round, MIB), 0, dbBytes, 0, MIB);
                Files.write(webImg, webBytes);
                Files.write(dbImg, dbBytes);
                try (LifeboatProcess a = lab.startProtect(web, webImg); LifeboatProcess b = lab.startProtect(db, dbImg);
                        LifeboatProcess prune = LifeboatProcess.start(ReplicationLab.ENV, "prune", "--dir",
                                lab.vault.toString(), "--margin", "10s", "--grace", "15s")) {
                    webPoints.add(pointOf(a));
                    dbPoints.add(pointOf(b));
                    int code = prune.waitFor(ReplicationLab.T);
                    // a node's retention after a commit may hold the prune lease at that moment
                    assertThat(code == 0 || prune.stderr().contains("another vault node is pruning"))
                            .as("prune: exit %d\n%s", code, prune.stderr()).isTrue();
                    prunesRun += code == 0 ? 1 : 0;
                }
                azurite.blobNames(container).stream().filter(n -> n.startsWith("site/data/")).forEach(packsSeen::add);
            }
            Thread.sleep(16_000); // past the grace: the dropped rounds' blocks can die
            prunesRun += pruneUntilItRuns(lab); // drops what the last rounds made unneeded
            Thread.sleep(11_000); // past the margin: the next prune deletes what earlier ones dropped
            prunesRun += pruneUntilItRuns(lab);

            assertThat(prunesRun).isPositive();
            assertThat(ids(lab.points("web-1"))).containsExactlyElementsOf(webPoints.subList(2, 4));
            assertThat(ids(lab.points("db-1"))).containsExactlyElementsOf(dbPoints.subList(2, 4));
            List<String> packsNow = azurite.blobNames(container).stream().filter(n -> n.startsWith("site/data/")).toList();
            assertThat(packsSeen).as("the packs of dropped rounds were deleted").isNotEmpty()
                    .anyMatch(p -> !packsNow.contains(p));
            assertThat(azurite.blobNames(container)).noneMatch(n -> n.startsWith("site/prune/"));

            var verify = lab.ok("verify", "--dir", lab.vault.toString(), "--json");
            assertThat(ReplicationLab.read(verify.stdout()).path("ok").asBoolean()).as(verify.toString()).isTrue();
            Path w = tmp.resolve("web.restored");
            Path d = tmp.resolve("db.restored");
            lab.failover("web-1", webPoints.get(3), w);
            lab.failover("db-1", dbPoints.get(3), d);
            assertThat(Files.readAllBytes(w)).isEqualTo(webBytes);
            assertThat(Files.readAllBytes(d)).isEqualTo(dbBytes);
            lab.failover("web-1", webPoints.get(2), tmp.resolve("web.previous")); // the older kept point is whole too
        }
    }

    @Test
    void aMachineEnrolledThroughNode1ProtectsThroughNode2AndARevocationThroughNode2StopsItAtNode1() throws Exception {
        Azurite azurite = AZURITE.get();
        String container = azurite.newContainer();
        try (TwoVaultNodes nodes = TwoVaultNodes.start(tmp.resolve("lab"), store(azurite, container))) {
            ReplicationLab lab = nodes.lab;
            nodes.joinSecondNode();
            Path agent = lab.enroll("app-1");
            nodes.useNode(agent, nodes.address2());
            byte[] image = random(7, 12 * MIB);
            Path img = tmp.resolve("app.img");
            Files.write(img, image);
            String point = pointOf(lab.startProtect(agent, img));

            assertThat(ids(lab.points("app-1"))).containsExactly(point); // node 1's folder sees node 2's point
            Path restored = tmp.resolve("app.restored");
            lab.failover("app-1", point, restored);
            assertThat(Files.mismatch(restored, img)).isEqualTo(-1L);

            lab.ok("vault", "revoke", "--dir", nodes.vault2.toString(), "--machine", "app-1");
            nodes.useNode(agent, nodes.address1());
            Files.write(img, random(8, 12 * MIB));
            LifeboatProcess.Result refused = lab.run("agent", "protect", "--dir", agent.toString(), "--once", "--json", img.toString());
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(11); // identity rejected, by node 1
            assertThat(ids(lab.points("app-1"))).containsExactly(point);
        }
    }

    private static String pointOf(LifeboatProcess protect) {
        int code = protect.waitFor(ReplicationLab.T);
        LifeboatProcess.Result r = new LifeboatProcess.Result(code, protect.stdout(), protect.stderr());
        assertThat(code).as(r.toString()).isZero();
        return ReplicationLab.committed(r).path("point").path("id").asText();
    }

    private static int pruneUntilItRuns(ReplicationLab lab) throws InterruptedException {
        for (int i = 0; i < 30; i++) {
            LifeboatProcess.Result r = lab.run("prune", "--dir", lab.vault.toString(), "--margin", "10s", "--grace", "15s");
            if (r.exitCode() == 0) {
                return 1;
            }
            assertThat(r.stderr()).as(r.toString()).contains("another vault node is pruning");
            Thread.sleep(1000);
        }
        throw new AssertionError("no prune got the lease");
    }

    private static List<String> ids(List<JsonNode> points) {
        return points.stream().map(p -> p.path("id").asText()).toList();
    }

    private static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Waits until the store holds {@code n} packs (node 1 stored that much of the upload). */
    private static void awaitPacks(Azurite azurite, String container, int n, LifeboatProcess protect) throws InterruptedException {
        long deadline = System.nanoTime() + ReplicationLab.T.toNanos();
        while (System.nanoTime() < deadline) {
            if (azurite.blobNames(container).stream().filter(b -> b.startsWith("site/data/")).count() >= n) {
                return;
            }
            assertThat(protect.isAlive()).as("the pass ended before node 1 stored %d packs\n%s", n, protect.stdout()).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("node 1 stored no " + n + " packs within " + ReplicationLab.T);
    }
}
