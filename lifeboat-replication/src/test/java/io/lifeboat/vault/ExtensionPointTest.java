package io.lifeboat.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.VaultClient;
import io.lifeboat.agent.VaultResponse;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.vault.api.ApiErrors;
import io.lifeboat.vault.api.Caller;
import io.lifeboat.vault.api.VaultRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Route sets added through {@link VaultRoutes} run behind the mutual-TLS authorisation and see the caller. */
@Tag("integration")
class ExtensionPointTest {
    @TempDir
    Path tmp;

    @Test
    void routeSetSeesTheCallerAndBodiesAndIsNeverReachedWithoutACertificate() throws Exception {
        AtomicInteger reached = new AtomicInteger();
        VaultRoutes echo = (router, context) -> {
            assertThat(context.layout().repo()).isEqualTo(context.layout().dir().resolve("repo"));
            router.put("/v1/echo/:machine").blockingHandler(ctx -> {
                reached.incrementAndGet();
                Caller c = Caller.of(ctx);
                if (!c.machine().equals(ctx.pathParam("machine"))) {
                    ApiErrors.send(ctx, 403, "not_yours", "machine " + c.machine() + " may not write here");
                    return;
                }
                ctx.response().putHeader("X-Caller", c.machine() + " " + c.protocol() + " " + c.cipherSuite()
                        + " " + c.fingerprint()).end(io.vertx.core.buffer.Buffer.buffer(io.lifeboat.vault.api.RequestBody.bytes(ctx)));
            });
        };
        try (TestVault v = new TestVault(tmp, TlsEngine.preferred(), echo)) {
            AgentLayout a = v.enrolled("web01");
            byte[] big = new byte[6 << 20];
            new java.util.Random(7).nextBytes(big);
            try (VaultClient c = VaultClient.open(a, TlsEngine.preferred())) {
                VaultResponse ok = c.send(HttpMethod.PUT, "/v1/echo/web01", big, Map.of("Content-Type", "application/octet-stream"));
                assertThat(ok.status()).isEqualTo(200);
                assertThat(ok.body()).isEqualTo(big);
                assertThat(ok.headers().get("x-caller")).startsWith("web01 TLSv1.3 TLS_")
                        .endsWith(io.lifeboat.tls.pki.Fingerprints.sha256(
                                io.lifeboat.tls.pki.Pem.readCertificates(a.machineCertificate()).get(0)));
                VaultResponse other = c.send(HttpMethod.PUT, "/v1/echo/db01", new byte[] {1}, Map.of());
                assertThat(other.status()).isEqualTo(403);
                assertThat(other.errorCode()).isEqualTo("not_yours");
                VaultResponse missing = c.get("/v1/nothing-here");
                assertThat(missing.status()).isEqualTo(404);
                assertThat(new JsonObject(missing.text()).getString("error")).isEqualTo("not_found");
            }
            int before = reached.get();
            HttpsProbe.Outcome anonymous = HttpsProbe.request(v.port(), "PUT", "/v1/echo/web01", "{}",
                    v.vault.authority().ca().certificate(), null);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(reached.get()).isEqualTo(before);
        }
    }
}
