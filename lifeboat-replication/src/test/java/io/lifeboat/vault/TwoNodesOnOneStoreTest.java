package io.lifeboat.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.agent.AgentEnrolment;
import io.lifeboat.agent.AgentLayout;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.azure.AzureBlobBackend;
import io.lifeboat.repository.backend.azure.AzureBlobStore;
import io.lifeboat.repository.backend.azure.Azurite;
import io.lifeboat.repository.backend.azure.AzuriteExtension;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.tls.pki.Csr;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.tls.pki.Pem;
import io.lifeboat.vault.api.EnrolmentToken;
import io.lifeboat.vault.pki.VaultKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two vault nodes ({@link VaultServer}s in one JVM, each with its own folder and its own backend
 * object) on one Azurite container: what one node does to the shared state, the other sees at its next
 * request; a token raced through both enrols once; {@code vault join} with a wrong key writes nothing; the CA key is in the store only sealed.
 */
@Tag("integration")
class TwoNodesOnOneStoreTest {
    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock();

    private Backend open(AzureBlobStore store) {
        return AzureBlobBackend.open(store, AZURITE.get().connectionString());
    }

    @Test
    void aMachineEnrolledThroughOneNodeIsKnownToTheOtherAndARevocationThroughTheOtherRefusesItAtOnce() throws Exception {
        AzureBlobStore store = new AzureBlobStore(AZURITE.get().newContainer(), "site");
        Vault v1 = Vault.initOnStore(new VaultLayout(tmp.resolve("V1")), List.of("vault.test"), new HostPort("127.0.0.1", 0),
                open(store), null, clock);
        Vault v2 = Vault.join(new VaultLayout(tmp.resolve("V2")), List.of("vault.test"), new HostPort("127.0.0.1", 0),
                open(store), null, v1.layout().vaultKey(), clock);
        TlsEngine engine = TlsEngine.preferred();
        try (VaultServer n1 = VaultServer.start(v1, engine, List.of()); VaultServer n2 = VaultServer.start(v2, engine, List.of())) {
            AgentLayout a = new AgentLayout(tmp.resolve("agent"));
            AgentEnrolment.enroll(EnrolmentToken.parse(v1.enroll("web01", Duration.ofHours(1))), null, a, engine);
            HeldCertificate machine = HeldCertificate.readFrom(a.dir(), "machine");
            X509Certificate ca = v1.authority().ca().certificate();
            assertThat(v2.authority().ca().certificate()).isEqualTo(ca);

            HttpsProbe.Outcome atNode2 = HttpsProbe.request(n2.address().port(), "GET", "/health", null, ca, machine);
            assertThat(atNode2.status()).as(String.valueOf(atNode2)).isEqualTo(200);

            // both nodes list both, in the agreed shape
            HttpsProbe.Outcome nodes = HttpsProbe.request(n1.address().port(), "GET", "/v1/nodes", null, ca, machine);
            assertThat(nodes.status()).isEqualTo(200);
            JsonArray list = new JsonObject(nodes.body()).getJsonArray("nodes");
            assertThat(list.stream().map(o -> ((JsonObject) o).getString("address")).toList())
                    .containsExactlyInAnyOrder(n1.address().toString(), n2.address().toString());
            JsonObject first = list.getJsonObject(0);
            assertThat(first.fieldNames()).containsExactlyInAnyOrder("id", "address", "hosts", "seenAt");
            assertThat(first.getJsonArray("hosts").getList()).containsExactly("vault.test");

            // a request with a body through node 2 (the registry read on a worker, the body held back meanwhile):
            // a renewal, which node 1 then knows
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            String csr = Pem.toPem(Csr.create(g.generateKeyPair(), "web01"));
            HttpsProbe.Outcome renewed = HttpsProbe.request(n2.address().port(), "POST", "/v1/renew",
                    new JsonObject().put("csr", csr).encode(), ca, machine);
            assertThat(renewed.status()).as(String.valueOf(renewed)).isEqualTo(201);
            assertThat(v1.machines().find("web01").orElseThrow().certificates()).hasSize(2);
            // a renewal is a CSR of a few hundred bytes: a larger body is refused before it is parsed
            HttpsProbe.Outcome flood = HttpsProbe.request(n2.address().port(), "POST", "/v1/renew",
                    "{\"csr\":[" + "{},".repeat(30_000) + "{}]}", ca, machine);
            assertThat(flood.status()).as(String.valueOf(flood)).isEqualTo(413);
            assertThat(v1.machines().find("web01").orElseThrow().certificates()).hasSize(2);

            v2.revoke("web01");
            HttpsProbe.Outcome atNode1 = HttpsProbe.request(n1.address().port(), "GET", "/health", null, ca, machine);
            assertThat(atNode1.status()).isEqualTo(403);
            assertThat(new JsonObject(atNode1.body()).getString("error")).isEqualTo("revoked");

            // the enrolment answer carries the same node list; enrolled through node 2, known to node 1
            HttpsProbe.Outcome enrolled = rawEnrolment(n2.address().port(), ca, v2.enroll("web02", Duration.ofHours(1)));
            assertThat(enrolled.status()).as(String.valueOf(enrolled)).isEqualTo(201);
            assertThat(new JsonObject(enrolled.body()).getJsonArray("nodes")).hasSize(2);
            assertThat(v1.machines().find("web02")).isPresent();

            // one token presented to both nodes at once enrols once
            String token = v1.enroll("web03", Duration.ofHours(1));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<HttpsProbe.Outcome> at1 = pool.submit(() -> rawEnrolment(n1.address().port(), ca, token));
                Future<HttpsProbe.Outcome> at2 = pool.submit(() -> rawEnrolment(n2.address().port(), ca, token));
                List<HttpsProbe.Outcome> both = List.of(at1.get(60, TimeUnit.SECONDS), at2.get(60, TimeUnit.SECONDS));
                assertThat(both).extracting(HttpsProbe.Outcome::status).containsExactlyInAnyOrder(201, 403);
                HttpsProbe.Outcome refused = both.stream().filter(o -> o.status() == 403).findFirst().orElseThrow();
                assertThat(new JsonObject(refused.body()).getString("error")).isEqualTo("token_used");
            } finally {
                pool.shutdownNow();
            }
        }
        // a clean stop withdraws both announcements
        assertThat(open(store).list(FileType.NODES)).isEmpty();
    }

    private static HttpsProbe.Outcome rawEnrolment(int port, X509Certificate ca, String tokenText) throws Exception {
        EnrolmentToken t = EnrolmentToken.parse(tokenText);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        String csr = Pem.toPem(Csr.create(g.generateKeyPair(), t.machine()));
        JsonObject body = new JsonObject().put("token", t.id()).put("secret", t.secret()).put("ca", t.caSha256())
                .put("machine", t.machine()).put("csr", csr);
        return HttpsProbe.request(port, "POST", "/v1/enroll", body.encode(), ca, null);
    }

    @Test
    void theCaKeyIsInTheStoreOnlySealedAndAWrongKeyJoinsNothing() throws Exception {
        AzureBlobStore store = new AzureBlobStore(AZURITE.get().newContainer(), "");
        Vault v1 = Vault.initOnStore(new VaultLayout(tmp.resolve("V1")), List.of(), new HostPort("127.0.0.1", 7443),
                open(store), null, clock);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(v1.layout().vaultKey()))).isEqualTo("rw-------");
        assertThat(v1.layout().caKey()).doesNotExist();
        String keyDer = Base64.getEncoder().encodeToString(v1.authority().ca().keyPair().getPrivate().getEncoded());
        Backend b = open(store);
        for (String name : b.list(FileType.STATE)) {
            String text = new String(b.read(new io.lifeboat.repository.backend.Handle(FileType.STATE, name)), StandardCharsets.UTF_8);
            assertThat(text).as(name).doesNotContain("PRIVATE KEY").doesNotContain(keyDer);
        }

        Path wrongKey = tmp.resolve("wrong.key");
        VaultKey.generate().write(wrongKey);
        VaultLayout v2 = new VaultLayout(tmp.resolve("V2"));
        assertThatThrownBy(() -> Vault.join(v2, List.of(), new HostPort("127.0.0.1", 7444), open(store), null, wrongKey, clock))
                .isInstanceOf(LifeboatException.class).hasMessageContaining("does not open the CA key")
                .hasMessageContaining(wrongKey.toString());
        assertThat(v2.dir()).doesNotExist();

        // the same store cannot be made a second vault
        assertThatThrownBy(() -> Vault.initOnStore(new VaultLayout(tmp.resolve("V3")), List.of(), new HostPort("127.0.0.1", 7445),
                open(store), null, clock)).isInstanceOf(LifeboatException.class).hasMessageContaining("already holds a vault");
        assertThat(tmp.resolve("V3").resolve("vault.key")).doesNotExist();
    }
}
