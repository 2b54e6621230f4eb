package io.lifeboat.tls.diagnosis;

import static io.lifeboat.tls.diagnosis.Fixtures.NOW;
import static io.lifeboat.tls.diagnosis.Fixtures.ascii;
import static io.lifeboat.tls.diagnosis.Fixtures.connected;
import static io.lifeboat.tls.diagnosis.Fixtures.goodChain;
import static io.lifeboat.tls.diagnosis.Fixtures.handshakeDone;
import static io.lifeboat.tls.diagnosis.Fixtures.http;
import static io.lifeboat.tls.diagnosis.Fixtures.machine;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.diagnosis.rules.Rules;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure classifier, fed with evidence values: one case per cause, and the cases that must not fire. */
class ClassifierTest {

    private static Diagnosis diagnosed(ConnectionEvidence e) {
        Verdict v = Classifier.classify(e);
        assertThat(v).as(String.valueOf(v)).isInstanceOf(Verdict.Diagnosed.class);
        Diagnosis d = ((Verdict.Diagnosed) v).diagnosis();
        assertThat(d.evidence()).isNotEmpty();
        assertThat(d.fix()).isNotBlank();
        return d;
    }

    private static CauseId cause(ConnectionEvidence.Builder b) {
        return diagnosed(b.build()).cause();
    }

    /** The cause named, or null when the evidence names none (unclassified). */
    private static CauseId causeOrNull(ConnectionEvidence.Builder b) {
        return Classifier.classify(b.build()) instanceof Verdict.Diagnosed d ? d.diagnosis().cause() : null;
    }

    @Test
    void everyCauseHasExactlyOneRule() {
        assertThat(Rules.ALL.stream().map(CauseRule::id).toList())
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(CauseId.values()));
    }

    @Test
    void healthyWhenTheHandshakeAndHealthCheckWork() {
        Verdict v = Classifier.classify(handshakeDone().http(http(200, "{}")).build());
        assertThat(v).isInstanceOf(Verdict.Healthy.class);
        assertThat(((Verdict.Healthy) v).notes()).anyMatch(n -> n.contains("TLSv1.3"));
    }

    @Test
    void unclassifiedWhenNothingExplainsTheFailure() {
        Verdict v = Classifier.classify(handshakeDone().http(http(503, "busy")).build());
        assertThat(v).isInstanceOf(Verdict.Unclassified.class);
        assertThat(((Verdict.Unclassified) v).evidence()).anyMatch(l -> l.contains("503"));
    }

    @Test
    void connectionRefused() {
        var e = ConnectionEvidence.builder("vault.example", 8443, NOW).socket(SocketOutcome.REFUSED, "Connection refused");
        Diagnosis d = diagnosed(e.build());
        assertThat(d.cause()).isEqualTo(CauseId.CONNECTION_REFUSED);
        assertThat(d.evidence().get(0)).contains("10061");
    }

    @Test
    void connectTimeoutAndSilentPeerAreTimeouts() {
        var syn = ConnectionEvidence.builder("vault.example", 8443, NOW).socket(SocketOutcome.CONNECT_TIMEOUT, "t");
        assertThat(diagnosed(syn.build()).evidence().get(0)).contains("10060");
        assertThat(cause(connected().transportEnd(TransportEnd.READ_TIMEOUT))).isEqualTo(CauseId.TIMEOUT);
    }

    @Test
    void aSilentPeerThatAnswersPlainHttpIsNotTls() {
        var e = connected().transportEnd(TransportEnd.READ_TIMEOUT).plainAnswer("HTTP/1.1 400 Bad Request");
        Diagnosis d = diagnosed(e.build());
        assertThat(d.cause()).isEqualTo(CauseId.NOT_TLS);
        assertThat(d.evidence()).anyMatch(l -> l.contains("plain HTTP"));
    }

    @Test
    void nonTlsFirstBytesAreNotTls() {
        var e = connected().firstBytes(ascii("SSH-2.0-OpenSSH_9.2\r\n")).transportEnd(TransportEnd.NONE);
        Diagnosis d = diagnosed(e.build());
        assertThat(d.cause()).isEqualTo(CauseId.NOT_TLS);
        assertThat(d.evidence()).anyMatch(l -> l.contains("SSH-2.0")).anyMatch(l -> l.contains("speaks SSH"));
    }

    @Test
    void aTlsAlertAsFirstBytesIsNotMistakenForNotTls() {
        var e = connected().firstBytes(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28})
                .alertReceived(TlsAlert.HANDSHAKE_FAILURE);
        assertThat(causeOrNull(e)).isNotEqualTo(CauseId.NOT_TLS);
    }

    @Test
    void serverLegacyTlsOnlyNeedsTheLegacyHelloAccepted() {
        var refused = connected().alertReceived(TlsAlert.PROTOCOL_VERSION);
        var legacy = HelloProbeResult.serverHello("TLS 1.0-1.1", ProtocolVersion.TLS_1_1, 0xc013,
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
        Diagnosis d = diagnosed(refused.legacyProbe(legacy).build());
        assertThat(d.cause()).isEqualTo(CauseId.SERVER_LEGACY_TLS_ONLY);
        assertThat(d.fix()).contains("lifeboat readiness");
        // without the legacy probe's answer, a protocol_version alert alone names no server-side cause
        assertThat(Classifier.classify(refused.legacyProbe(HelloProbeResult.alert("TLS 1.0-1.1",
                TlsAlert.PROTOCOL_VERSION)).build())).isInstanceOf(Verdict.Unclassified.class);
    }

    @Test
    void clientLegacyTlsOnlyWhenTheLocalStackCannotOfferTls12() {
        var e = connected().offered(List.of()).localFailure("No appropriate protocol (protocol is disabled or"
                + " cipher suites are inappropriate)");
        Diagnosis d = diagnosed(e.build());
        assertThat(d.cause()).isEqualTo(CauseId.CLIENT_LEGACY_TLS_ONLY);
        assertThat(d.fix()).contains("lifeboat readiness").contains("KB3140245");
        assertThat(cause(connected().offered(List.of(ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0))
                .alertReceived(TlsAlert.PROTOCOL_VERSION))).isEqualTo(CauseId.CLIENT_LEGACY_TLS_ONLY);
    }

    @Test
    void noSharedCipherShowsTheSuiteTheServerWants() {
        var wide = HelloProbeResult.serverHello("all", ProtocolVersion.TLS_1_2, 0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA");
        var e = connected().alertReceived(TlsAlert.HANDSHAKE_FAILURE)
                .legacyProbe(HelloProbeResult.alert("legacy", TlsAlert.PROTOCOL_VERSION)).tls12AllSuitesProbe(wide);
        Diagnosis d = diagnosed(e.build());
        assertThat(d.cause()).isEqualTo(CauseId.NO_SHARED_CIPHER);
        assertThat(d.evidence()).anyMatch(l -> l.contains("TLS_RSA_WITH_AES_128_CBC_SHA is not allowed"));
        // an old stack that resets instead of alerting, with the same all-suites answer
        assertThat(cause(connected().transportEnd(TransportEnd.RESET).tls12AllSuitesProbe(wide)))
                .isEqualTo(CauseId.NO_SHARED_CIPHER);
    }

    /** Issue 16: a handshake_failure plus a failed wide probe proves no common TLS 1.2 suite problem. */
    @Test
    void noSharedCipherNeedsACommonVersionAndAWideOfferAccepted() {
        var refusedWide = HelloProbeResult.alert("all TLS 1.2", TlsAlert.PROTOCOL_VERSION);
        assertThat(causeOrNull(connected().alertReceived(TlsAlert.HANDSHAKE_FAILURE).tls12AllSuitesProbe(refusedWide)))
                .isNotEqualTo(CauseId.NO_SHARED_CIPHER);
        assertThat(causeOrNull(connected().alertReceived(TlsAlert.HANDSHAKE_FAILURE))).isNotEqualTo(CauseId.NO_SHARED_CIPHER);
        var policySuite = HelloProbeResult.serverHello("all", ProtocolVersion.TLS_1_2, 0xc02b,
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThat(causeOrNull(connected().alertReceived(TlsAlert.HANDSHAKE_FAILURE).tls12AllSuitesProbe(policySuite)))
                .isNotEqualTo(CauseId.NO_SHARED_CIPHER);
    }

    @Test
    void handshakeFailureAfterACertificateRequestIsNotACipherProblem() {
        var e = connected().serverCertificate(goodChain().build()).clientCertificateRequested(true)
                .alertReceived(TlsAlert.HANDSHAKE_FAILURE);
        assertThat(cause(e)).isEqualTo(CauseId.CLIENT_CERTIFICATE_REQUIRED);
    }

    @Test
    void inspectionOnlyWithPositiveEvidence() {
        // Issue 16: another CA than the pinned one is not evidence of a proxy (an unrelated --ca looks the same)
        var chain = goodChain().issuer("CN=Acme Gateway CA", false).refused("PKIX path building failed");
        assertThat(cause(connected().serverCertificate(chain.build()))).isEqualTo(CauseId.UNTRUSTED_CERTIFICATE);
        // with the system store, another CA is just untrusted ...
        assertThat(cause(connected().serverCertificate(chain.source(AnchorSource.SYSTEM).build())))
                .isEqualTo(CauseId.UNTRUSTED_CERTIFICATE);
        // ... unless the issuer names an inspection product
        var zscaler = goodChain().issuer("CN=Zscaler Intermediate Root CA", false).source(AnchorSource.SYSTEM)
                .vendor("CN=Zscaler Intermediate Root CA").refused("PKIX");
        Diagnosis d = diagnosed(connected().serverCertificate(zscaler.build()).build());
        assertThat(d.cause()).isEqualTo(CauseId.TLS_INSPECTION_SUSPECTED);
        assertThat(d.evidence()).anyMatch(l -> l.contains("Zscaler"));
    }

    @Test
    void selfSignedOrWrongNameFromAnotherCaIsUntrusted() {
        assertThat(cause(connected().serverCertificate(goodChain().selfSigned().refused("PKIX").build())))
                .isEqualTo(CauseId.UNTRUSTED_CERTIFICATE);
        assertThat(cause(connected().serverCertificate(goodChain().issuer("CN=Other", false).wrongName()
                .refused("PKIX").build()))).isEqualTo(CauseId.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void expiredNotYetValidAndWrongHost() {
        var expired = goodChain().validity(NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(3)))
                .refused("validity check failed");
        Diagnosis d = diagnosed(connected().serverCertificate(expired.build()).build());
        assertThat(d.cause()).isEqualTo(CauseId.CERTIFICATE_EXPIRED);
        assertThat(d.evidence()).anyMatch(l -> l.contains("3 days"));

        var future = goodChain().validity(NOW.plus(Duration.ofHours(5)), NOW.plus(Duration.ofDays(30)))
                .refused("not yet valid");
        var withDate = new HttpAnswer(200, "HTTP/1.1 200 OK", NOW.plus(Duration.ofHours(6)), "");
        Diagnosis nyv = diagnosed(connected().serverCertificate(future.build()).http(withDate).build());
        assertThat(nyv.cause()).isEqualTo(CauseId.CERTIFICATE_NOT_YET_VALID);
        assertThat(nyv.fix()).contains("clock");
        assertThat(nyv.evidence()).anyMatch(l -> l.contains("6 hours behind"));

        assertThat(cause(connected().serverCertificate(goodChain().wrongName().refused("No name matching").build())))
                .isEqualTo(CauseId.HOSTNAME_MISMATCH);
    }

    @Test
    void aTrustedChainNeverFiresACertificateRule() {
        var e = handshakeDone().serverCertificate(goodChain().wrongName().build()).http(http(200, ""));
        assertThat(Classifier.classify(e.build())).isInstanceOf(Verdict.Healthy.class);
    }

    @Test
    void clientCertificateRequiredByAlertOrByHttp() {
        assertThat(cause(handshakeDone().clientCertificateRequested(true).alertReceived(TlsAlert.CERTIFICATE_REQUIRED)))
                .isEqualTo(CauseId.CLIENT_CERTIFICATE_REQUIRED);
        assertThat(cause(handshakeDone().clientCertificateRequested(true).http(http(401, "{\"error\":\"x\"}"))))
                .isEqualTo(CauseId.CLIENT_CERTIFICATE_REQUIRED);
    }

    @Test
    void clientCertificateRejectedSaysWhy() {
        Diagnosis revoked = diagnosed(handshakeDone().clientCertificateRequested(true).clientCertificate(machine(true))
                .http(http(403, "{\"message\":\"machine 'web-01' was revoked\"}")).build());
        assertThat(revoked.cause()).isEqualTo(CauseId.CLIENT_CERTIFICATE_REJECTED);
        assertThat(revoked.fix()).contains("revoke");

        var expiredMachine = new ClientCertificateFindings("CN=web-01", NOW.minus(Duration.ofDays(9)),
                NOW.minus(Duration.ofDays(2)), true, false, true, true);
        Diagnosis expired = diagnosed(handshakeDone().clientCertificateRequested(true).clientCertificate(expiredMachine)
                .alertReceived(TlsAlert.CERTIFICATE_EXPIRED).build());
        assertThat(expired.fix()).contains("expired");

        var foreignMachine = new ClientCertificateFindings("CN=web-01", NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(6)), false, false, false, true);
        Diagnosis foreign = diagnosed(handshakeDone().clientCertificateRequested(true).clientCertificate(foreignMachine)
                .alertReceived(TlsAlert.UNKNOWN_CA).build());
        assertThat(foreign.fix()).contains("another vault");

        // a BoringSSL vault (netty's) refuses a certificate from another CA with internal_error
        Diagnosis boring = diagnosed(handshakeDone().clientCertificateRequested(true).clientCertificate(foreignMachine)
                .alertReceived(TlsAlert.INTERNAL_ERROR).build());
        assertThat(boring.cause()).isEqualTo(CauseId.CLIENT_CERTIFICATE_REJECTED);
        assertThat(boring.fix()).contains("another vault");
        assertThat(causeOrNull(handshakeDone().clientCertificateRequested(true).alertReceived(TlsAlert.INTERNAL_ERROR)))
                .as("no certificate presented: nothing says it was refused").isNotEqualTo(CauseId.CLIENT_CERTIFICATE_REJECTED);
    }

    @Test
    void aResetRanksTheLikelyCausesByWhatTheProbesSaw() {
        var everyHelloCut = connected().transportEnd(TransportEnd.RESET)
                .legacyProbe(HelloProbeResult.other(HelloProbeResult.Outcome.RESET, "legacy", "reset"));
        Diagnosis d = diagnosed(everyHelloCut.build());
        assertThat(d.cause()).isEqualTo(CauseId.CONNECTION_RESET_DURING_HANDSHAKE);
        assertThat(d.evidence().get(0)).contains("10054");
        assertThat(d.likelyCauses()).hasSize(4);
        assertThat(d.likelyCauses().get(0)).contains("firewall");

        Diagnosis onlyOurs = diagnosed(connected().transportEnd(TransportEnd.EOF)
                .legacyProbe(HelloProbeResult.alert("legacy", TlsAlert.PROTOCOL_VERSION)).build());
        assertThat(onlyOurs.likelyCauses().get(0)).contains("SChannel");
    }

    @Test
    void aResetAfterTheServerAskedForACertificateIsAboutTheClient() {
        var e = connected().serverCertificate(goodChain().build()).clientCertificateRequested(true)
                .clientCertificate(machine(true)).transportEnd(TransportEnd.RESET);
        assertThat(cause(e)).isEqualTo(CauseId.CLIENT_CERTIFICATE_REJECTED);
    }

    @Test
    void everyCauseMapsToExitTenOrEleven() {
        for (CauseId id : CauseId.values()) {
            assertThat(id.kind()).isIn(io.lifeboat.tls.LifeboatException.Kind.UNREACHABLE,
                    io.lifeboat.tls.LifeboatException.Kind.IDENTITY_REJECTED);
        }
    }
}
