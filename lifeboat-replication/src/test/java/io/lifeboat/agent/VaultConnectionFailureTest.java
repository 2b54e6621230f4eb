package io.lifeboat.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.LifeboatException.Kind;
import io.lifeboat.vault.HostPort;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class VaultConnectionFailureTest {
    private static final HostPort VAULT = new HostPort("127.0.0.1", 8443);

    private static SSLHandshakeException handshake(String message, Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(cause);
        return e;
    }

    @Test
    void aHandshakeCutOffByAResetIsATransportFailureAndRetried() {
        // as Vert.x reported it when the vault was restarting under a retrying agent
        LifeboatException e = VaultConnectionFailure.of(
                handshake("Failed to create SSL connection", new SocketException("Connection reset by peer")), VAULT);
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("127.0.0.1:8443", "dropped the connection during the TLS handshake",
                "Connection reset by peer");
    }

    @Test
    void aRefusedCertificateIsARejectionWithItsFix() {
        LifeboatException e = VaultConnectionFailure.of(
                new SSLHandshakeException("Received fatal alert: certificate_unknown"), VAULT);
        assertThat(e.kind()).isEqualTo(Kind.IDENTITY_REJECTED);
        assertThat(e.getMessage()).contains("TLS with the vault at 127.0.0.1:8443 failed", "certificate_unknown",
                "lifeboat agent enroll");
    }

    @Test
    void aHandshakeFailureRootedInTlsItselfStaysARejection() {
        LifeboatException e = VaultConnectionFailure.of(
                handshake("Failed to create SSL connection", new SSLHandshakeException("PKIX path validation failed")), VAULT);
        assertThat(e.kind()).isEqualTo(Kind.IDENTITY_REJECTED);
    }

    @Test
    void nothingListeningOrAClosedChannelIsUnreachable() {
        assertThat(VaultConnectionFailure.of(new ConnectException("Connection refused"), VAULT).kind())
                .isEqualTo(Kind.UNREACHABLE);
        LifeboatException closed = VaultConnectionFailure.of(new ClosedChannelException(), VAULT);
        assertThat(closed.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(closed.getMessage()).contains("closed the connection", "lifeboat doctor 127.0.0.1:8443");
    }

    @Test
    void aLifeboatExceptionInTheChainIsKeptAsItIs() {
        LifeboatException inner = new LifeboatException(Kind.USAGE, "bad");
        assertThat(VaultConnectionFailure.of(new RuntimeException(inner), VAULT)).isSameAs(inner);
    }
}
