package io.lifeboat.vault.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.vault.TestVault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the vault ends a connection whose client certificate it refused. In TLS 1.3 the client's
 * handshake is done on its side before the vault has checked its certificate, and an agent sends its
 * request at once: the vault must let it read the alert, not reset the connection under it (a client
 * whose write failed on a reset closed without reading the alert and said "vault unreachable").
 * Per engine; the client is the JDK's TLS over a plain socket the test keeps after the TLS layer failed.
 */
class RefusedHandshakeCloseTest {
    /** More than fits in one read of the vault's: some of it is unread when the vault refuses the certificate. */
    private static final int REQUEST_BYTES = 128 << 10;

    @TempDir
    Path tmp;

    static java.util.stream.Stream<Arguments> enginesAndVersions() {
        return java.util.stream.Stream.of(TlsEngine.values())
                .flatMap(e -> java.util.stream.Stream.of(Arguments.of(e, "TLSv1.3"), Arguments.of(e, "TLSv1.2")));
    }

    /**
     * TLS 1.3: the refusal comes after our handshake is done and our request is on its way. TLS 1.2:
     * it comes before our Finished is answered; the vault's side must stay open for reading all the same.
     */
    @ParameterizedTest
    @MethodSource("enginesAndVersions")
    void aRefusedCertificateGetsTheAlertAndAHalfCloseNotAReset(TlsEngine engine, String version) throws Exception {
        try (TestVault v = new TestVault(tmp, engine)) {
            try (Socket plain = new Socket()) {
                SSLSocket tls = forgedClient(v, plain);
                tls.setEnabledProtocols(new String[] {version});

                String seen;
                try {
                    tls.startHandshake(); // TLS 1.3: done on our side before the vault has seen our certificate
                    OutputStream out = tls.getOutputStream();
                    byte[] head = "POST /v1/anything HTTP/1.1\r\nHost: vault.test\r\nContent-Length: 131072\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII);
                    out.write(head);
                    out.write(new byte[REQUEST_BYTES]);
                    out.flush();
                    int b = tls.getInputStream().read();
                    seen = "no alert: read " + b;
                } catch (SSLException e) {
                    seen = e.getMessage();
                } catch (IOException e) {
                    seen = "no alert: " + e;
                }
                assertThat(seen).contains("Received fatal alert");

                // the vault ended its side after the alert; its own side still reads what we send, and
                // closes once we have closed ours: no reset for bytes it had not read
                InputStream in = plain.getInputStream();
                byte[] sink = new byte[4096];
                while (in.read(sink) >= 0) {
                    // anything after the alert (nothing is expected) is dropped
                }
                OutputStream raw = plain.getOutputStream();
                for (int i = 0; i < 4; i++) {
                    raw.write(new byte[1024]);
                    raw.flush();
                }
                plain.shutdownOutput();
                assertThat(in.read()).isEqualTo(-1);
            }
            assertThat(v.refusals).as("the vault logged the refusal").isNotEmpty();
        }
    }

    /** The vault's reading after a refusal is bounded: a refused client that never closes is cut off. */
    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aRefusedClientThatNeverClosesIsCutOff(TlsEngine engine) throws Exception {
        try (TestVault v = new TestVault(tmp, engine)) {
            try (Socket plain = new Socket()) {
                SSLSocket tls = forgedClient(v, plain);
                tls.setEnabledProtocols(new String[] {"TLSv1.3"});
                try {
                    tls.startHandshake();
                    tls.getOutputStream().write("GET /health HTTP/1.1\r\nHost: vault.test\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    tls.getInputStream().read();
                } catch (IOException refused) {
                    // the alert: checked above
                }
                // we neither close nor stop sending: the vault ends the connection on its own
                OutputStream raw = plain.getOutputStream();
                String end = null;
                for (int i = 0; i < 1_000_000 && end == null; i++) {
                    try {
                        raw.write(new byte[1024]);
                        raw.flush();
                    } catch (IOException e) {
                        end = "cut off after " + i + " KiB: " + e.getMessage();
                    }
                }
                assertThat(end).as("the vault kept reading a refused connection").isNotNull();
            }
        }
    }

    /**
     * TLS over {@code plain}, connected to the vault, with a client certificate from another CA of the
     * vault CA's very name (the most convincing forgery); the plain socket stays the test's to read
     * and write once the TLS layer has failed.
     */
    private static SSLSocket forgedClient(TestVault v, Socket plain) throws Exception {
        HeldCertificate otherCa = new CertificateBuilder().commonName("Lifeboat vault CA").organization("Lifeboat")
                .certificateAuthority(0).build();
        HeldCertificate forged = new CertificateBuilder().commonName("web01").clientAuth().signedBy(otherCa).build();
        plain.connect(new InetSocketAddress("127.0.0.1", v.port()), 10_000);
        plain.setSoTimeout(60_000);
        return (SSLSocket) TlsSockets.context(v.vault.authority().ca().certificate(), forged).getSocketFactory()
                .createSocket(plain, "127.0.0.1", v.port(), false);
    }
}
