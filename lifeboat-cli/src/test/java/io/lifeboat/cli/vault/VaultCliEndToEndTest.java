package io.lifeboat.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.VaultClient;
import io.lifeboat.cli.testing.LifeboatProcess;
import io.lifeboat.tls.engine.TlsEngine;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: real child processes, a real vault on loopback. */
@Tag("integration")
class VaultCliEndToEndTest {
    private static final Duration T = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void initServeEnrollHealthRevokeAndStopOnSigterm() throws Exception {
        Path v = tmp.resolve("V");
        Path a = tmp.resolve("A");
        LifeboatProcess.Result init = LifeboatProcess.run(T, "vault", "init", "--dir", v.toString(),
                "--listen", "127.0.0.1:0", "--host", "vault.example");
        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(Files.readString(v.resolve("ca.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(v.resolve("ca.key")))).isEqualTo("rw-------");

        try (LifeboatProcess serve = LifeboatProcess.start("vault", "serve", "--dir", v.toString())) {
            String address = serve.waitForFile(v.resolve("run/address"), T).trim();
            serve.waitForStdout(l -> l.equals("vault: listening on " + address
                    + " (TLS 1.3, TLS 1.2; engine " + TlsEngine.preferred().id() + ")"), T);
            assertThat(serve.stdout()).contains("vault: TLS engine " + TlsEngine.preferred().id());

            LifeboatProcess.Result enroll = LifeboatProcess.run(T, "vault", "enroll", "--dir", v.toString(),
                    "--machine", "web01", "--ttl", "1h");
            assertThat(enroll.exitCode()).as(enroll.toString()).isZero();
            assertThat(enroll.stdoutLines()).hasSize(1);
            String token = enroll.stdoutLines().get(0);

            LifeboatProcess.Result agent = LifeboatProcess.run(T, "agent", "enroll", token, "--dir", a.toString());
            assertThat(agent.exitCode()).as(agent.toString()).isZero();
            assertThat(a.resolve("machine.crt")).exists();
            assertThat(a.resolve("ca.crt")).hasSameTextualContentAs(v.resolve("ca.crt"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a.resolve("machine.key"))))
                    .isEqualTo("rw-------");

            try (VaultClient client = VaultClient.open(new AgentLayout(a), TlsEngine.preferred())) {
                JsonObject health = client.health();
                assertThat(health.getString("machine")).isEqualTo("web01");
                assertThat(health.getString("engine")).isEqualTo(TlsEngine.preferred().id());
                assertThat(health.getString("protocol")).isEqualTo("TLSv1.3");

                LifeboatProcess.Result revoke = LifeboatProcess.run(T, "vault", "revoke", "--dir", v.toString(),
                        "--machine", "web01");
                assertThat(revoke.exitCode()).as(revoke.toString()).isZero();
                var after = client.get("/health");
                assertThat(after.status()).isEqualTo(403);
                assertThat(after.errorCode()).isEqualTo("revoked");
            }

            LifeboatProcess.Result machines = LifeboatProcess.run(T, "vault", "machines", "--dir", v.toString(), "--json");
            assertThat(machines.exitCode()).isZero();
            JsonObject report = new JsonObject(machines.stdout());
            assertThat(report.getJsonArray("machines").getJsonObject(0).getString("status")).isEqualTo("REVOKED");

            assertThat(serve.terminate(Duration.ofSeconds(20))).isIn(0, 143);
            assertThat(v.resolve("run/address")).doesNotExist();
            assertThat(serve.stderr()).doesNotContain("Exception");
        }
    }
}
