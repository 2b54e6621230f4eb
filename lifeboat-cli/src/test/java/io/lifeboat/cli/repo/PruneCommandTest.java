package io.lifeboat.cli.repo;

import static io.lifeboat.cli.testing.InProcessCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.testing.InProcessCli.Run;
import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.PointMeta;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vault policy} and {@code prune} over a vault folder, in this JVM. */
class PruneCommandTest {
    static final int BS = 4096;

    @TempDir
    Path tmp;

    /** Commits {@code n} points of one source, each of its own random block. */
    static List<PointInfo> commit(Path vault, int n, long seed) {
        List<PointInfo> out = new ArrayList<>();
        try (Repository repo = Repository.open(new LocalBackend(VaultDir.repository(vault)),
                RepositoryOptions.defaults().withKeepNewest(100))) {
            for (int i = 0; i < n; i++) {
                byte[] b = new byte[BS];
                new Random(seed + i).nextBytes(b);
                repo.putBlock("web-1", BlockId.of(b), b, BlockEncoding.RAW);
                Manifest m = new Manifest(Manifest.FORMAT_VERSION, "/srv/disk.img", SourceKind.IMAGE, BS,
                        List.of(new Entry("", EntryType.FILE, 0640, 0, BS, null, List.of(new BlockRef(BlockId.of(b), BS)))));
                out.add(repo.commitPoint("web-1", m, new PointMeta(BS, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "crash-consistent")));
                Thread.sleep(2); // distinct creation times
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    static List<PointInfo> points(Path vault) {
        try (Repository repo = VaultDir.openReadOnly(vault)) {
            return repo.points(Optional.of("web-1"));
        }
    }

    @Test
    void dryRunSaysWhatThePolicyDropsThenPruneDeletesIt() throws Exception {
        Path v = tmp.resolve("V");
        assertThat(run("vault", "init", "--dir", v.toString(), "--keep-last", "1", "--lock-period", "0s").code()).isZero();
        List<PointInfo> made = commit(v, 3, 10);

        Run dry = run("prune", "--dir", v.toString(), "--dry-run", "--json");
        assertThat(dry.code()).as(dry.err()).isZero();
        JsonNode report = JsonOutput.MAPPER.readTree(dry.out());
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("points")).hasSize(3);
        assertThat(report.get("points").get(0).get("verdict").asText()).isEqualTo("KEEP");
        assertThat(report.get("points").get(0).get("reasons").get(0).asText()).isEqualTo("newest of its source");
        assertThat(report.get("points").get(1).get("verdict").asText()).isEqualTo("DROP");
        assertThat(report.get("removed")).isEmpty();
        assertThat(points(v)).hasSize(3);
        assertThat(pruneEvents(v)).as("a dry run deletes nothing and is no event").isEmpty();

        Run prune = run("prune", "--dir", v.toString());
        assertThat(prune.code()).as(prune.err()).isZero();
        assertThat(prune.out()).contains("machine web-1, source /srv/disk.img").contains("removed 2 point(s)");
        assertThat(points(v)).containsExactly(made.get(2));
        List<JsonNode> events = pruneEvents(v);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("removed").asText().split(","))
                .containsExactlyInAnyOrder("web-1/" + made.get(0).id(), "web-1/" + made.get(1).id());
    }

    private List<JsonNode> pruneEvents(Path v) throws Exception {
        Run events = run("vault", "events", "--dir", v.toString(), "--json");
        assertThat(events.code()).as(events.err()).isZero();
        List<JsonNode> out = new ArrayList<>();
        JsonOutput.MAPPER.readTree(events.out()).get("events").forEach(e -> {
            if (e.get("type").asText().equals("prune")) {
                out.add(e);
            }
        });
        return out;
    }

    @Test
    void theLockPeriodHoldsPointsAndOnlyTheOperatorCanOverrideIt() {
        Path v = tmp.resolve("V");
        assertThat(run("vault", "init", "--dir", v.toString(), "--keep-last", "1").code()).isZero();
        List<PointInfo> made = commit(v, 3, 20);
        Run dry = run("prune", "--dir", v.toString(), "--dry-run");
        assertThat(dry.out()).contains("HELD").contains("lock period 24h (until ").contains("would remove 0 point(s)");
        Run named = run("prune", "--dir", v.toString(), "--point", made.get(0).id());
        assertThat(named.code()).as(named.err()).isZero();
        assertThat(named.out()).contains("named by the operator").contains("removed 1 point(s)");
        Run override = run("prune", "--dir", v.toString(), "--ignore-lock-period");
        assertThat(override.out()).contains("removed 1 point(s)");
        assertThat(points(v)).containsExactly(made.get(2));
        Run unknown = run("prune", "--dir", v.toString(), "--point", "nope");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("no point nope").contains("nothing was deleted");
    }

    @Test
    void pruneNamesTheServingVaultButADryRunWorksBesideIt() {
        Path v = tmp.resolve("V");
        assertThat(run("vault", "init", "--dir", v.toString(), "--keep-last", "1", "--lock-period", "0s").code()).isZero();
        commit(v, 2, 30);
        try (Repository serving = VaultDir.openForWriting(v)) {
            Run prune = run("prune", "--dir", v.toString());
            assertThat(prune.code()).isEqualTo(1);
            assertThat(prune.err()).contains("is open for writing by process " + ProcessHandle.current().pid())
                    .contains("stop that vault first");
            Run dry = run("prune", "--dir", v.toString(), "--dry-run");
            assertThat(dry.code()).isZero();
            assertThat(dry.out()).contains("would remove 1 point(s)");
            assertThat(serving.points(Optional.empty())).hasSize(2);
        }
    }
}
