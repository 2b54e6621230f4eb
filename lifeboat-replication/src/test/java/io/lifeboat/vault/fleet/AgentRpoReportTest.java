package io.lifeboat.vault.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.protect.HttpVaultApi;
import io.lifeboat.agent.protect.ProtectListener;
import io.lifeboat.agent.protect.ProtectOptions;
import io.lifeboat.agent.protect.Protector;
import io.lifeboat.agent.protect.StopSignal;
import io.lifeboat.agent.protect.VaultClientTransport;
import io.lifeboat.agent.protect.VaultTransport;
import io.lifeboat.agent.rpo.RpoReporter;
import io.lifeboat.agent.protect.ProtectLoop;
import io.lifeboat.agent.rpo.RpoSchedule;
import io.lifeboat.vault.ops.AgentRpo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** agent protect --rpo: rounds on the RPO schedule, each reported to the vault, which keeps it per source. */
class AgentRpoReportTest {
    @TempDir
    Path tmp;

    @Test
    void theAgentReportsTheRpoItAchievedAndTheVaultShowsIt() throws Exception {
        FleetLab.requireEngine();
        try (FleetLab lab = new FleetLab(tmp)) {
            AgentLayout web = lab.enrol("web-1");
            Path source = tmp.resolve("disk.img");
            Files.write(source, new byte[64 << 10]);
            StopSignal stop = new StopSignal();
            try (VaultClientTransport t = VaultClientTransport.open(web, lab.fleet.server().engine())) {
                HttpVaultApi api = new HttpVaultApi(t, t.machine(), FleetLab.FAST, ProtectListener.NONE, stop);
                Protector p = new Protector(api, ProtectOptions.defaults().withRetry(FleetLab.FAST), ProtectListener.NONE, stop);
                ProtectLoop loop = new ProtectLoop(p, stop, e -> { });
                RpoSchedule schedule = new RpoSchedule(Duration.ofSeconds(10));
                CompletableFuture<Integer> rounds = CompletableFuture.supplyAsync(() -> {
                    try {
                        return loop.run(List.of(source), schedule::nextInterval, () -> { },
                                new RpoReporter(t, "web-1", schedule.target(), Clock.systemUTC()));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                AgentRpo r = null;
                for (int i = 0; i < 600 && (r == null || r.achieved() == null); i++) {
                    Thread.sleep(100);
                    r = lab.fleet.ops().agentRpo().getOrDefault("web-1", Map.of()).get(source.toString());
                }
                stop.request();
                assertThat(rounds.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2);
                assertThat(r).isNotNull();
                assertThat(r.target()).isEqualTo(Duration.ofSeconds(10));
                assertThat(r.achieved()).as("time between the two commits").isNotNull().isPositive();

                // another machine's name in the path is refused
                VaultTransport.Reply other = t.send(VaultTransport.Request.post("/v1/machines/db-1/rpo", "application/json",
                        "{\"targetSeconds\":60,\"sources\":[]}".getBytes(StandardCharsets.UTF_8)));
                assertThat(other.status()).isEqualTo(403);
                VaultTransport.Reply bad = t.send(VaultTransport.Request.post("/v1/machines/web-1/rpo", "application/json",
                        "{\"sources\":[]}".getBytes(StandardCharsets.UTF_8)));
                assertThat(bad.status()).isEqualTo(400);
                // a report is a few hundred bytes: a larger body is refused before it is parsed
                byte[] flood = ("{\"targetSeconds\":60,\"sources\":[" + "{},".repeat(30_000) + "{}]}")
                        .getBytes(StandardCharsets.UTF_8);
                VaultTransport.Reply large = t.send(VaultTransport.Request.post("/v1/machines/web-1/rpo", "application/json", flood));
                assertThat(large.status()).isEqualTo(413);
                assertThat(new String(large.body(), StandardCharsets.UTF_8)).contains("too_large")
                        .contains("RPO report: " + flood.length + " bytes, at most 65536");
            }
            String page = DashboardAccessTest.get(lab.https(), lab.base() + "/ui/",
                    DashboardAccessTest.signIn(lab.https(), lab.loginUrl(Duration.ofMinutes(5)))).body();
            assertThat(page).contains("agent: target 10 s, achieved");
        }
    }
}
