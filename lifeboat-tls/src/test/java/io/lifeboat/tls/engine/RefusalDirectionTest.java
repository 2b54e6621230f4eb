package io.lifeboat.tls.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.diagnosis.CauseId;
import io.lifeboat.tls.diagnosis.Diagnosis;
import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.tls.pki.Pem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 16: the vault classifies a refused handshake by the alert and who sent it. A client that
 * refuses the VAULT's certificate sends unknown_ca; that is not the vault refusing the client's
 * certificate, which it is when the client presents one from another CA. Real peers: openssl s_client
 * against the policy server, on both engines.
 */
@Tag("integration")
class RefusalDirectionTest {

    private static Diagnosis refusal(PolicyServer s, String... args) throws Exception {
        int before = s.refusals.size();
        OpenSslClient.sClient(s.port(), "", args);
        List<HandshakeRefusal> r = s.refusalsAfter(before);
        assertThat(r).as("a refusal is logged").isNotEmpty();
        return r.get(0).diagnosis().orElseThrow(() -> new AssertionError("no diagnosis for " + r.get(0).logLine()));
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aClientThatRejectsTheVaultsCertificateIsNotAClientCertificateProblem(TlsEngine engine) throws Exception {
        PolicyServer s = EnginePolicyTest.server(engine);
        HeldCertificate other = new CertificateBuilder().commonName("Another CA").certificateAuthority(0).build();
        Path otherCa = s.dir.resolve("other-ca.crt");
        Pem.writeCertificates(otherCa, other.certificate());
        for (String version : new String[] {"-tls1_3", "-tls1_2"}) {
            Diagnosis d = refusal(s, version, "-CAfile", otherCa.toString(), "-verify_return_error");
            assertThat(d.cause()).as(version + " " + d.evidence()).isEqualTo(CauseId.UNTRUSTED_CERTIFICATE);
            assertThat(d.evidence()).anyMatch(l -> l.contains("unknown_ca(48) received from the client"));
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aClientCertificateFromAnotherCaIsRejectedByTheVault(TlsEngine engine) throws Exception {
        PolicyServer s = EnginePolicyTest.server(engine);
        HeldCertificate otherCa = new CertificateBuilder().commonName("Another CA").certificateAuthority(0).build();
        HeldCertificate foreign = new CertificateBuilder().commonName("intruder").clientAuth().signedBy(otherCa).build();
        foreign.writeTo(s.dir, "foreign");
        Diagnosis d = refusal(s, "-tls1_2", "-CAfile", s.dir.resolve("ca.crt").toString(),
                "-cert", s.dir.resolve("foreign.crt").toString(), "-key", s.dir.resolve("foreign.key").toString());
        assertThat(d.cause()).as(d.evidence().toString()).isEqualTo(CauseId.CLIENT_CERTIFICATE_REJECTED);
        assertThat(d.evidence()).anyMatch(l -> l.contains("sent to the client"));
    }
}
