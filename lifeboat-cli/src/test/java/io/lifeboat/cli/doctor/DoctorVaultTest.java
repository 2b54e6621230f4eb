package io.lifeboat.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.cli.testing.LifeboatProcess;
import io.lifeboat.cli.testing.PeerTool;
import io.lifeboat.vault.api.EnrolmentToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault-backed causes against a real {@code vault serve}: a missing client certificate, a
 * revoked machine, a TLS 1.1 client (protocol_version alert, and the vault's log line naming the
 * peer and the version), and `agent enroll` failing with the cause id, the fix and exit 10 / 11.
 */
@Tag("integration")
class DoctorVaultTest {
    @TempDir
    static Path tmp;

    static VaultFixture vault;
    static Path goodAgent;
    static Path revokedAgent;

    @BeforeAll
    static void startVault() {
        vault = VaultFixture.start(tmp);
        goodAgent = vault.enrolledAgent(tmp, "web01");
        revokedAgent = vault.enrolledAgent(tmp, "web02");
        vault.revoke("web02");
    }

    @AfterAll
    static void stopVault() {
        if (vault != null) {
            vault.close();
        }
    }

    @Test
    void anEnrolledMachineGetsExitZero() throws Exception {
        DoctorRun run = DoctorRun.run(tmp, vault.address, "--dir", goodAgent.toString());
        assertThat(run.exitCode()).as(run.text()).isZero();
        assertThat(run.text()).contains("200");
    }

    @Test
    void clientCertificateRequiredWithoutAMachineCertificate() throws Exception {
        DoctorRun run = DoctorRun.run(tmp, vault.address, "--ca", vault.vaultDir.resolve("ca.crt").toString());
        assertThat(run.cause()).as(run.text()).isEqualTo("CLIENT_CERTIFICATE_REQUIRED");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.text()).contains("401");
    }

    @Test
    void clientCertificateRejectedForARevokedMachine() throws Exception {
        DoctorRun run = DoctorRun.run(tmp, vault.address, "--dir", revokedAgent.toString());
        assertThat(run.cause()).as(run.text()).isEqualTo("CLIENT_CERTIFICATE_REJECTED");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.text()).contains("revoked");
    }

    @Test
    void aTls11ClientGetsAProtocolVersionAlertAndTheVaultLogsPeerAndVersion() throws Exception {
        String openssl = PeerTool.require("openssl").toString();
        Process p = new ProcessBuilder(openssl, "s_client", "-connect", vault.address, "-tls1_1", "-cipher",
                "DEFAULT:@SECLEVEL=0").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out;
        try {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
        assertThat(out).as(out).containsIgnoringCase("alert protocol version");
        assertThat(out).doesNotContainIgnoringCase("reset by peer");
        String line = vault.serve.waitForStderr(l -> l.contains("[tls-refused]") && l.contains("TLSv1.1"),
                Duration.ofSeconds(20));
        assertThat(line).contains("CLIENT_LEGACY_TLS_ONLY").contains("remote=/127.0.0.1:")
                .contains("lifeboat readiness");
    }

    @Test
    void agentEnrollAgainstNothingListeningExitsTenWithTheCause() throws Exception {
        EnrolmentToken real = EnrolmentToken.parse(vault.token("web03"));
        String token = new EnrolmentToken("127.0.0.1:" + OpenSslServer.freePort(), real.id(), real.secret(),
                real.caSha256(), real.machine()).encode();
        LifeboatProcess.Result r = LifeboatProcess.run(VaultFixture.T, "agent", "enroll", token, "--dir",
                tmp.resolve("agent-web03").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(10);
        assertThat(r.stderr()).contains("CONNECTION_REFUSED").contains("Fix:");
    }

    @Test
    void agentEnrollThroughAnInterceptingProxyExitsElevenWithTheCause() throws Exception {
        EnrolmentToken real = EnrolmentToken.parse(vault.token("web04"));
        TestPki pki = new TestPki();
        try (OpenSslServer proxy = OpenSslServer.start(tmp, pki.interceptedServer())) {
            String token = new EnrolmentToken(proxy.target(), real.id(), real.secret(), real.caSha256(),
                    real.machine()).encode();
            LifeboatProcess.Result r = LifeboatProcess.run(VaultFixture.T, "agent", "enroll", token, "--dir",
                    tmp.resolve("agent-web04").toString());
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
            assertThat(r.stderr()).contains("TLS_INSPECTION_SUSPECTED").contains("Zscaler");
        }
    }
}
