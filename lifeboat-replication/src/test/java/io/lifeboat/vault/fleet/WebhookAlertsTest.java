package io.lifeboat.vault.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.lifeboat.agent.AgentLayout;
import io.lifeboat.vault.alerts.WebhookStore;
import io.lifeboat.vault.alerts.WebhookUrl;
import io.lifeboat.vault.events.EventType;
import io.lifeboat.vault.events.VaultEvent;
import io.lifeboat.vault.ops.FleetReport;
import io.lifeboat.vault.ops.RpoThresholds;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance 3: a loopback receiver gets one rpo-warning, then one rpo-ok, then one legacy-client-refused. */
class WebhookAlertsTest {
    @TempDir
    Path tmp;

    HttpServer receiver;
    final LinkedBlockingQueue<Map<String, Object>> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void receiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            received.add(new ObjectMapper().readValue(ex.getRequestBody().readAllBytes(),
                    new TypeReference<Map<String, Object>>() { }));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private Map<String, Object> next() throws InterruptedException {
        Map<String, Object> m = received.poll(30, TimeUnit.SECONDS);
        assertThat(m).as("a webhook POST within 30 s").isNotNull();
        return m;
    }

    @Test
    void oneAlertPerStateChangeAndOneForARefusedLegacyClient() throws Exception {
        FleetLab.requireEngine();
        try (FleetLab lab = new FleetLab(tmp)) {
            new WebhookStore(lab.vault.layout().dir()).add(
                    WebhookUrl.parse("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
            AgentLayout web = lab.enrol("web-1");
            FleetReport.setThresholds(lab.vault, "web-1", new RpoThresholds(Duration.ofSeconds(30), Duration.ofHours(1)));
            lab.protect(web, "disk.img", 1);
            lab.fleet.ops().checkNow();

            lab.clock.advance(Duration.ofSeconds(31));
            for (int i = 0; i < 4; i++) {
                lab.fleet.ops().checkNow(); // the state holds: no second alert
            }
            Map<String, Object> warning = next();
            assertThat(warning).containsEntry("type", "rpo-warning").containsEntry("machine", "web-1")
                    .containsEntry("health", "warning");

            lab.protect(web, "disk.img", 2); // the commit triggers a check: ok again
            // the commit is reported once its answer has gone (the request's end): wait for its POINT
            // event, so that this check runs after the one the commit triggers, not before it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lab.fleet.ops().events(Instant.EPOCH).stream().filter(e -> e.type() == EventType.POINT).count() < 2) {
                assertThat(System.nanoTime()).as("the second point's event within 30 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            lab.fleet.ops().checkNow();
            Map<String, Object> ok = next();
            assertThat(ok).containsEntry("type", "rpo-ok").containsEntry("machine", "web-1");

            assertThat(lab.legacyTls11Client()).as("protocol_version alert").isEqualTo(70);
            Map<String, Object> refused = next();
            assertThat(refused).containsEntry("type", "legacy-client-refused").containsEntry("offered", "TLSv1.1");
            assertThat((String) refused.get("peer")).startsWith("127.0.0.1:");
            assertThat((String) refused.get("fix")).isNotBlank();
            // every repeat would have been queued before the refusal, which came last
            assertThat(received).isEmpty();

            List<VaultEvent> log = lab.fleet.ops().events(Instant.EPOCH);
            // the second point's event and the ok may come in either order: the lab's 200 ms tick can
            // see the committed point before the commit's request has ended and been reported
            assertThat(log).extracting(VaultEvent::type).containsSubsequence(EventType.ENROLLED, EventType.POINT,
                    EventType.RPO_WARNING, EventType.RPO_OK, EventType.LEGACY_CLIENT_REFUSED);
            assertThat(log).extracting(VaultEvent::type).containsSubsequence(EventType.RPO_WARNING, EventType.POINT);
            assertThat(log.stream().filter(e -> e.type() == EventType.POINT)).hasSize(2);
            assertThat(log.stream().filter(e -> e.type() == EventType.RPO_WARNING)).hasSize(1);
        }
    }
}
