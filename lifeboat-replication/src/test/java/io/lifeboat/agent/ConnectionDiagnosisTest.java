package io.lifeboat.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.diagnosis.probe.ProbeOptions;
import java.net.ServerSocket;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The agent's use of the classifier: connection failures get a cause and its exit kind; HTTP refusals pass. */
class ConnectionDiagnosisTest {

    @Test
    void anHttpRefusalIsNotAConnectionFailureAndPassesUnchanged() {
        var refusal = new LifeboatException(LifeboatException.Kind.IDENTITY_REJECTED,
                "enrolment refused: the vault answered 403: token already used");
        assertThat(ConnectionDiagnosis.explain(refusal, () -> {
            throw new AssertionError("must not probe");
        })).isSameAs(refusal);
    }

    @Test
    void aRefusedConnectionIsNamedAndKeepsTheUnreachableKind() throws Exception {
        int closed = closedPort();
        var failure = new LifeboatException(LifeboatException.Kind.UNREACHABLE, "cannot reach the vault",
                new java.net.ConnectException("Connection refused"));
        LifeboatException explained = ConnectionDiagnosis.explain(failure,
                () -> ProbeOptions.of("127.0.0.1", closed));
        assertThat(explained.kind()).isEqualTo(LifeboatException.Kind.UNREACHABLE);
        assertThat(explained.getMessage()).contains("cause CONNECTION_REFUSED").contains("Fix:");
        assertThat(explained.getCause()).isSameAs(failure);
    }

    @Test
    void aRefusedIdentityStaysRefusedWhenTheProbeAfterItMeetsSomethingElse() throws Exception {
        int closed = closedPort();
        // the connection got the vault's certificate alert; the probe a moment later finds the port closed
        var failure = new LifeboatException(LifeboatException.Kind.IDENTITY_REJECTED, "the vault refused this machine",
                new javax.net.ssl.SSLHandshakeException("Received fatal alert: bad_certificate"));
        LifeboatException explained = ConnectionDiagnosis.explain(failure, () -> ProbeOptions.of("127.0.0.1", closed));
        assertThat(explained).isSameAs(failure);
        assertThat(explained.kind()).isEqualTo(LifeboatException.Kind.IDENTITY_REJECTED);
    }

    @Test
    void anInterruptedCallerGetsTheFailureBackAtOnce() {
        var failure = new LifeboatException(LifeboatException.Kind.UNREACHABLE, "x", new java.io.IOException("reset"));
        Thread.currentThread().interrupt();
        try {
            assertThat(ConnectionDiagnosis.explain(failure, () -> {
                throw new AssertionError("must not probe while stopping");
            })).isSameAs(failure);
        } finally {
            Thread.interrupted();
        }
    }

    /** A loopback port that was just closed: a probe's connection to it is refused. */
    private static int closedPort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
