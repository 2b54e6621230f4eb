package io.lifeboat.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.agent.AgentConfig;
import io.lifeboat.agent.AgentEnrolment;
import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.VaultClient;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.tls.pki.Pem;
import io.lifeboat.vault.api.EnrolmentToken;
import io.lifeboat.vault.api.VaultRoutes;
import io.lifeboat.vault.store.MachineRecord;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enrolment end to end against a real vault server: the happy path and every refusal. */
@Tag("integration")
class EnrolmentTest {
    @TempDir
    Path tmp;

    @Test
    void happyPathGivesAShortLivedCertificateNamingTheMachineAndNoKeyCrossesTheWire() throws Exception {
        List<String> wire = new CopyOnWriteArrayList<>();
        VaultRoutes spy = (router, ctx) -> router.post("/v1/enroll").order(-100).handler(BodyHandler.create(false))
                .handler(rc -> {
                    wire.add(rc.body().asString());
                    rc.next();
                });
        try (TestVault v = new TestVault(tmp, TlsEngine.preferred(), spy)) {
            AgentLayout a = new AgentLayout(tmp.resolve("A"));
            EnrolmentToken token = v.token("web01");
            AgentEnrolment.Result r = AgentEnrolment.enroll(token, null, a, TlsEngine.preferred());

            X509Certificate cert = Pem.readCertificates(a.machineCertificate()).get(0);
            assertThat(cert.getSubjectX500Principal().getName()).contains("CN=web01");
            assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");
            Duration life = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
            assertThat(life).isBetween(Duration.ofDays(30), Duration.ofDays(30).plusMinutes(10));
            cert.verify(v.vault.authority().ca().certificate().getPublicKey());
            assertThat(Files.readString(a.caCertificate())).isEqualTo(Files.readString(v.vault.layout().caCertificate()));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a.machineKey()))).isEqualTo("rw-------");
            assertThat(AgentConfig.read(a)).isEqualTo(new AgentConfig("127.0.0.1:" + v.port(), "web01"));
            assertThat(r.protocol()).isEqualTo("TLSv1.3");

            MachineRecord rec = v.vault.machines().find("web01").orElseThrow();
            assertThat(rec.status()).isEqualTo(MachineRecord.Status.ACTIVE);
            assertThat(rec.holds(io.lifeboat.tls.pki.Fingerprints.sha256(cert))).isTrue();

            // what went over the wire: the token, the pinned hash and a CSR, never the private key
            assertThat(wire).hasSize(1);
            String sent = wire.get(0);
            String keyPem = Files.readString(a.machineKey());
            String keyBase64 = keyPem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
            String keyDer = Base64.getEncoder().encodeToString(Pem.readPrivateKey(a.machineKey()).getEncoded());
            assertThat(sent).doesNotContain("PRIVATE KEY").doesNotContain(keyBase64).doesNotContain(keyDer)
                    .contains("CERTIFICATE REQUEST");
            assertThat(new JsonObject(sent).fieldNames()).containsExactlyInAnyOrder("token", "secret", "ca", "machine", "csr");
            try (Stream<Path> files = Files.walk(v.vault.layout().dir())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(f)).as(f.toString()).doesNotContain(keyBase64).doesNotContain(token.secret());
                }
            }
            try (VaultClient c = VaultClient.open(a, TlsEngine.preferred())) {
                assertThat(c.health().getString("machine")).isEqualTo("web01");
            }
        }
    }

    @Test
    void reusedExpiredWrongMachineAndTamperedTokensAreRefusedClearly() throws Exception {
        try (TestVault v = new TestVault(tmp, TlsEngine.preferred())) {
            EnrolmentToken token = v.token("web01");
            AgentEnrolment.enroll(token, null, new AgentLayout(tmp.resolve("A1")), TlsEngine.preferred());

            assertRefused(() -> AgentEnrolment.enroll(token, null, new AgentLayout(tmp.resolve("A2")), TlsEngine.preferred()),
                    LifeboatException.Kind.IDENTITY_REJECTED, "already used");

            EnrolmentToken forDb = v.token("db01");
            assertRefused(() -> AgentEnrolment.enroll(forDb, "web02", new AgentLayout(tmp.resolve("A3")), TlsEngine.preferred()),
                    LifeboatException.Kind.IDENTITY_REJECTED, "made for machine 'db01', not 'web02'");
            EnrolmentToken renamed = new EnrolmentToken(forDb.vault(), forDb.id(), forDb.secret(), forDb.caSha256(), "web02");
            assertRefused(() -> AgentEnrolment.enroll(renamed, null, new AgentLayout(tmp.resolve("A4")), TlsEngine.preferred()),
                    LifeboatException.Kind.IDENTITY_REJECTED, "made for machine 'db01'");

            EnrolmentToken shortLived = EnrolmentToken.parse(v.vault.enroll("web03", Duration.ofMinutes(5)));
            v.clock.advance(Duration.ofMinutes(6));
            assertRefused(() -> AgentEnrolment.enroll(shortLived, null, new AgentLayout(tmp.resolve("A5")), TlsEngine.preferred()),
                    LifeboatException.Kind.IDENTITY_REJECTED, "expired");

            EnrolmentToken fresh = v.token("web04");
            String otherHash = fresh.caSha256().substring(1) + (fresh.caSha256().charAt(0) == '0' ? "1" : "0");
            EnrolmentToken tampered = new EnrolmentToken(fresh.vault(), fresh.id(), fresh.secret(), otherHash, "web04");
            AgentLayout a6 = new AgentLayout(tmp.resolve("A6"));
            assertRefused(() -> AgentEnrolment.enroll(tampered, null, a6, TlsEngine.preferred()),
                    LifeboatException.Kind.IDENTITY_REJECTED, "does not match the enrolment token's CA hash");
            assertThat(a6.machineKey()).doesNotExist();
            assertThat(v.vault.machines().find("web04")).isEmpty();
            // the untampered token still works: the pin failed before anything was sent
            AgentEnrolment.enroll(fresh, null, a6, TlsEngine.preferred());
            assertThat(v.vault.machines().find("web04")).isPresent();
        }
    }

    @Test
    void vaultRefusesARequestWhoseCaHashIsNotItsOwnAndBadRequests() throws Exception {
        try (TestVault v = new TestVault(tmp, TlsEngine.preferred())) {
            EnrolmentToken t = v.token("web01");
            X509Certificate ca = v.vault.authority().ca().certificate();
            JsonObject body = new JsonObject().put("token", t.id()).put("secret", t.secret()).put("machine", "web01")
                    .put("ca", "0".repeat(64)).put("csr", "x");
            HttpsProbe.Outcome wrongCa = HttpsProbe.request(v.port(), "POST", "/v1/enroll", body.encode(), ca, null);
            assertThat(wrongCa.status()).isEqualTo(403);
            assertThat(new JsonObject(wrongCa.body()).getString("error")).isEqualTo("token_ca_mismatch");

            HttpsProbe.Outcome badCsr = HttpsProbe.request(v.port(), "POST", "/v1/enroll",
                    body.put("ca", t.caSha256()).encode(), ca, null);
            assertThat(badCsr.status()).isEqualTo(400);
            assertThat(new JsonObject(badCsr.body()).getString("message")).contains("certificate request");
            // the malformed request did not spend the token: the agent enrols with it afterwards
            AgentEnrolment.enroll(t, null, new AgentLayout(tmp.resolve("A")), TlsEngine.preferred());
            assertThat(v.vault.machines().find("web01")).isPresent();

            HttpsProbe.Outcome notJson = HttpsProbe.request(v.port(), "POST", "/v1/enroll", "[1,2", ca, null);
            assertThat(notJson.status()).isEqualTo(400);
        }
    }

    @Test
    void unreachableVaultIsReportedAsSuch() {
        EnrolmentToken t = new EnrolmentToken("127.0.0.1:1", "0123456789abcdef01234567", "s", "a".repeat(64), "web01");
        assertRefused(() -> AgentEnrolment.enroll(t, null, new AgentLayout(tmp.resolve("A")), TlsEngine.preferred()),
                LifeboatException.Kind.UNREACHABLE, "cannot reach the vault at 127.0.0.1:1");
    }

    private static void assertRefused(Runnable r, LifeboatException.Kind kind, String message) {
        assertThatThrownBy(r::run).isInstanceOf(LifeboatException.class).hasMessageContaining(message)
                .extracting(e -> ((LifeboatException) e).kind()).isEqualTo(kind);
    }
}
