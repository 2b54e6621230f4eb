package io.lifeboat.cli.fleet;

import static io.lifeboat.cli.testing.InProcessCli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.repo.VaultDir;
import io.lifeboat.cli.testing.InProcessCli.Run;
import io.lifeboat.cli.testing.OfflineVault;
import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.PointMeta;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.metrics.MetricsToken;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet commands, run in-process through {@link Main#run} on a vault that is not serving. */
class FleetCommandsTest {
    @TempDir
    Path tmp;

    Path dir;

    /** web-1 with one point made an hour ago; db-1 enrolled, never protected. */
    @BeforeEach
    void vault() throws Exception {
        dir = tmp.resolve("V");
        OfflineVault.withMachines(dir, "web-1", "db-1");
        try (Repository repo = Repository.open(new LocalBackend(VaultDir.repository(dir)), RepositoryOptions.defaults()
                .withClock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1))))) {
            byte[] b = new byte[4096];
            b[0] = 1;
            repo.putBlock("web-1", BlockId.of(b), b, BlockEncoding.RAW);
            Manifest m = new Manifest(Manifest.FORMAT_VERSION, "/var/disk.img", SourceKind.IMAGE, 4096, List.of(
                    new Entry("", EntryType.FILE, 0644, 1_700_000_000_000_000_000L, 4096, null, List.of(new BlockRef(BlockId.of(b), 4096)))));
            repo.commitPoint("web-1", m, new PointMeta(4096, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "live"));
        }
    }

    @Test
    void rpoShowsHealthPerSourceAndSetsThresholdsVaultWideOrPerMachine() throws Exception {
        Run now = run("vault", "rpo", "--dir", dir.toString());
        assertThat(now.code()).as(now.err()).isEqualTo(3);
        assertThat(now.out()).containsPattern("web-1\\s+critical\\s+/var/disk.img").containsPattern("db-1\\s+never-protected");

        Run set = run("vault", "rpo", "--dir", dir.toString(), "--machine", "web-1", "--warning", "2h", "--critical", "3h");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).contains("machine web-1 set: warning 7200 s").containsPattern("web-1\\s+ok");

        Run vaultWide = run("vault", "rpo", "--dir", dir.toString(), "--warning", "1m", "--critical", "90m", "--json");
        JsonNode json = JsonOutput.MAPPER.readTree(vaultWide.out());
        JsonNode web = json.get("machines").get(1);
        assertThat(web.get("machine").asText()).isEqualTo("web-1");
        assertThat(web.get("health").asText()).as("its own thresholds still apply").isEqualTo("ok");
        assertThat(web.get("sources").get(0).get("rpoSeconds").asLong()).isBetween(3500L, 3700L);
        assertThat(web.get("sources").get(0).get("lastPoint").get("consistency").asText()).isEqualTo("live");
        assertThat(json.get("machines").get(0).get("warningSeconds").asLong()).isEqualTo(60);

        assertThat(run("vault", "rpo", "--dir", dir.toString(), "--warning", "5m").code()).isEqualTo(2);
        Run backwards = run("vault", "rpo", "--dir", dir.toString(), "--warning", "30m", "--critical", "15m");
        assertThat(backwards.code()).isEqualTo(2);
        assertThat(backwards.err()).contains("longer than the warning").doesNotContain("Exception");
        assertThat(run("vault", "rpo", "--dir", dir.toString(), "--machine", "nope", "--warning", "1m",
                "--critical", "2m").code()).isEqualTo(2);
    }

    @Test
    void revocationIsLoggedAndEventsListAsTextAndJson() throws Exception {
        assertThat(run("vault", "revoke", "--dir", dir.toString(), "--machine", "db-1").code()).isZero();
        Run text = run("vault", "events", "--dir", dir.toString(), "--since", "1h");
        assertThat(text.code()).isZero();
        assertThat(text.out()).containsPattern("revoked\\s+db-1");
        JsonNode e = JsonOutput.MAPPER.readTree(run("vault", "events", "--dir", dir.toString(), "--json").out())
                .get("events").get(0);
        assertThat(e.get("type").asText()).isEqualTo("revoked");
        assertThat(e.get("machine").asText()).isEqualTo("db-1");
        Run rpo = run("vault", "rpo", "--dir", dir.toString());
        assertThat(rpo.out()).containsPattern("db-1\\s+revoked");
    }

    @Test
    void verifyResultsGoIntoTheEventLog() throws Exception {
        assertThat(run("verify", "--dir", dir.toString()).code()).isZero();
        JsonNode e = JsonOutput.MAPPER.readTree(run("vault", "events", "--dir", dir.toString(), "--json").out())
                .get("events").get(0);
        assertThat(e.get("type").asText()).isEqualTo("verify");
        assertThat(e.get("ok").asText()).isEqualTo("true");
        assertThat(e.get("blocksChecked").asText()).isEqualTo("1");
    }

    @Test
    void agentRpoIsValidatedBeforeAnythingRuns() {
        Run tooShort = run("agent", "protect", "--dir", tmp.resolve("A").toString(), tmp.toString(), "--rpo", "5s");
        assertThat(tooShort.code()).isEqualTo(2);
        assertThat(tooShort.err()).contains("--rpo must be at least 10s");
        Run once = run("agent", "protect", "--dir", tmp.resolve("A").toString(), tmp.toString(), "--rpo", "15m", "--once");
        assertThat(once.code()).isEqualTo(2);
        assertThat(once.err()).contains("not with --once");
    }

    @Test
    void webhooksMetricsTokenAndLoginUrl() {
        Run plain = run("vault", "webhook", "add", "--dir", dir.toString(), "http://alerts.example.com/hook");
        assertThat(plain.code()).isEqualTo(2);
        assertThat(plain.err()).contains("loopback");
        Run ok = run("vault", "webhook", "add", "--dir", dir.toString(), "https://alerts.example.com/hook");
        assertThat(ok.code()).isZero();
        assertThat(run("vault", "webhook", "list", "--dir", dir.toString()).out()).contains("https://alerts.example.com/hook");
        assertThat(run("vault", "webhook", "remove", "--dir", dir.toString(), "https://alerts.example.com/hook").out())
                .contains("no webhooks");

        String token = run("vault", "metrics-token", "--dir", dir.toString()).out().trim();
        assertThat(token).startsWith("lbm_");
        assertThat(new MetricsToken(dir).accepts(token)).isTrue();

        String url = run("vault", "login-url", "--dir", dir.toString(), "--ttl", "5m").out().trim();
        assertThat(url).matches("https://127\\.0\\.0\\.1:7443/ui/login\\?t=[0-9a-f]{24}\\.[A-Za-z0-9_-]{43}");
        assertThat(run("vault", "login-url", "--dir", dir.toString(), "--ttl", "2d").code()).isEqualTo(2);
    }
}
