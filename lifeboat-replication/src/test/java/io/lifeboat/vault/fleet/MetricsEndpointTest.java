package io.lifeboat.vault.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.protect.VaultClientTransport;
import io.lifeboat.agent.protect.VaultTransport;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.vault.metrics.MetricsToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance 2 (metrics part) and 4: /metrics needs the token or mutual TLS, parses, and has the RPO gauge per source. */
class MetricsEndpointTest {
    @TempDir
    Path tmp;

    @Test
    void metricsNeedTheTokenAndCarryTheRpoOfEverySource() throws Exception {
        FleetLab.requireEngine();
        try (FleetLab lab = new FleetLab(tmp)) {
            AgentLayout web = lab.enrol("web-1");
            AgentLayout db = lab.enrol("db-1");
            PointInfo p = lab.protect(web, "disk.img", 1);
            lab.protect(db, "data.img", 2);
            assertThat(lab.legacyTls11Client()).isEqualTo(70);
            lab.fleet.ops().checkNow();
            HttpClient http = lab.https();
            URI uri = URI.create(lab.base() + "/metrics");

            HttpResponse<String> none = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).doesNotContain("lifeboat_");
            String stale = new MetricsToken(lab.vault.layout().dir()).rotate();
            String token = new MetricsToken(lab.vault.layout().dir()).rotate();
            for (String wrong : List.of(stale, token + "x", "")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + wrong)
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("token '%s'", wrong).isEqualTo(401);
            }

            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
            List<PromText.Sample> samples = PromText.parse(ok.body());
            assertThat(samples).filteredOn(s -> s.name().equals("lifeboat_rpo_seconds"))
                    .extracting(PromText.Sample::labels)
                    .contains(Map.of("machine", "web-1", "source", p.source()))
                    .hasSize(2);
            assertThat(samples).filteredOn(s -> s.name().equals("lifeboat_source_health")
                    && s.labels().get("machine").equals("web-1")).extracting(PromText.Sample::value).containsExactly(0.0);
            assertThat(samples).filteredOn(s -> s.name().equals("lifeboat_tls_refused_total"))
                    .extracting(s -> s.labels().get("offered")).contains("TLSv1.1");
            assertThat(samples).filteredOn(s -> s.name().equals("lifeboat_points_committed_total")).hasSize(2);
            assertThat(samples).filteredOn(s -> s.name().equals("lifeboat_received_bytes_total")
                    && s.labels().get("machine").equals("web-1")).allMatch(s -> s.value() > 200_000);
            assertThat(samples).filteredOn(s -> s.name().equals("lifeboat_tls_connections_total"))
                    .extracting(s -> s.labels().get("version")).allMatch(v -> v.equals("TLSv1.3") || v.equals("TLSv1.2"));
            assertThat(samples).extracting(PromText.Sample::name).contains("lifeboat_uploads_in_flight",
                    "lifeboat_repository_stored_bytes", "lifeboat_replication_request_seconds_bucket",
                    "vertx_http_server_response_time_seconds_bucket", "jvm_memory_used_bytes");

            // mutual TLS is the other way in: the agent's own certificate
            try (VaultClientTransport t = VaultClientTransport.open(web, lab.fleet.server().engine())) {
                VaultTransport.Reply r = t.send(VaultTransport.Request.get("/metrics"));
                assertThat(r.status()).isEqualTo(200);
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("lifeboat_rpo_seconds{");
            }
        }
    }
}
