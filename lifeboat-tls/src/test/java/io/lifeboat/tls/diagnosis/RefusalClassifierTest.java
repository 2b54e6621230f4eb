package io.lifeboat.tls.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.engine.HandshakeRefusal;
import io.lifeboat.tls.engine.OfferedVersions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server side: what the vault logs for a refused handshake. */
class RefusalClassifierTest {
    private static final String PEER = "/192.0.2.7:50412";

    @Test
    void aClientOfferingTls11IsClientLegacyTlsOnly() {
        var r = new HandshakeRefusal(PEER, Optional.of(new OfferedVersions(0x0301, 0x0302, List.of(), false)),
                "OPENSSL_internal:UNSUPPORTED_PROTOCOL");
        Diagnosis d = Classifier.classifyRefusal(r).orElseThrow();
        assertThat(d.cause()).isEqualTo(CauseId.CLIENT_LEGACY_TLS_ONLY);
        assertThat(d.evidence().get(0)).contains(PEER).contains("TLSv1.1");
        assertThat(r.logLine()).startsWith("[tls-refused] refused a client that offers only TLSv1.1: ")
                .contains("remote=" + PEER).contains(" diagnosis=CLIENT_LEGACY_TLS_ONLY;").contains("lifeboat readiness");
    }

    @Test
    void noSharedCipherAndCertificateReasons() {
        var tls12 = Optional.of(new OfferedVersions(0x0301, 0x0303, List.of(), false));
        assertThat(Classifier.classifyRefusal(new HandshakeRefusal(PEER, tls12, "OPENSSL_internal:NO_SHARED_CIPHER"))
                .orElseThrow().cause()).isEqualTo(CauseId.NO_SHARED_CIPHER);
        assertThat(Classifier.classifyRefusal(new HandshakeRefusal(PEER, tls12,
                "OPENSSL_internal:CERTIFICATE_VERIFY_FAILED")).orElseThrow().cause())
                .isEqualTo(CauseId.CLIENT_CERTIFICATE_REJECTED);
        // BoringSSL under netty: the trust manager's innermost reason for a certificate from another CA
        assertThat(Classifier.classifyRefusal(new HandshakeRefusal(PEER, tls12,
                "Path does not chain with any of the trust anchors")).orElseThrow().cause())
                .isEqualTo(CauseId.CLIENT_CERTIFICATE_REJECTED);
        // and for an expired one, one not valid yet, one for servers only
        for (String reason : List.of("NotAfter: Sat Nov 28 04:10:25 UTC 2026", "NotBefore: Sat Nov 28 04:10:25 UTC 2026",
                "Extended key usage does not permit use for TLS client authentication")) {
            assertThat(Classifier.classifyRefusal(new HandshakeRefusal(PEER, tls12, reason)).orElseThrow().cause())
                    .as(reason).isEqualTo(CauseId.CLIENT_CERTIFICATE_REJECTED);
        }
    }

    @Test
    void aStalledHelloIsATimeoutAndPlainTextIsNotTls() {
        assertThat(Classifier.classifyRefusal(new HandshakeRefusal(PEER, Optional.empty(),
                "handshake timed out after 10000ms")).orElseThrow().cause()).isEqualTo(CauseId.TIMEOUT);
        assertThat(Classifier.classifyRefusal(new HandshakeRefusal(PEER, Optional.empty(),
                "OPENSSL_internal:HTTP_REQUEST")).orElseThrow().cause()).isEqualTo(CauseId.NOT_TLS);
    }

    @Test
    void anUnknownReasonNamesNoCauseAndPointsToTheDoctor() {
        var r = new HandshakeRefusal(PEER, Optional.of(new OfferedVersions(0x0301, 0x0303, List.of(0x0304), false)),
                "something odd");
        assertThat(Classifier.classifyRefusal(r)).isEmpty();
        assertThat(r.fix()).contains("lifeboat doctor");
    }
}
