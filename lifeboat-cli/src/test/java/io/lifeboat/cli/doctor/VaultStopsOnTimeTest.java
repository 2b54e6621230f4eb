package io.lifeboat.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.pki.Pem;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, acceptance 3: {@code vault serve} keeps serving while peers hang, and stops within 10 s
 * of SIGTERM even while a handshake hangs (half a ClientHello, then nothing) and an upload hangs
 * (a request whose body never finishes).
 */
@Tag("integration")
class VaultStopsOnTimeTest {
    @TempDir
    Path tmp;

    @Test
    void stopsWithinTenSecondsOfSigtermWhilePeersHang() throws Exception {
        try (VaultFixture vault = VaultFixture.start(tmp);
                Socket halfHello = halfClientHello(vault.port());
                SSLSocket halfUpload = unfinishedUpload(vault)) {
            // the vault still answers others while both peers hang
            DoctorRun run = DoctorRun.run(tmp, vault.address, "--ca", vault.vaultDir.resolve("ca.crt").toString());
            assertThat(run.cause()).as(run.text()).isEqualTo("CLIENT_CERTIFICATE_REQUIRED");
            assertThat(halfHello.isClosed()).isFalse();

            int code = vault.serve.terminate(Duration.ofSeconds(10)); // fails when it takes longer
            assertThat(code).isIn(0, 143);
            assertThat(vault.vaultDir.resolve("run/address")).doesNotExist();
        }
    }

    /** A TCP connection that sends the first 15 bytes of a ClientHello and then nothing. */
    private static Socket halfClientHello(int port) throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        OutputStream out = s.getOutputStream();
        out.write(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xc8, 0x01, 0x00, 0x00, (byte) 0xc4, 0x03, 0x03,
            0x11, 0x22, 0x33, 0x44});
        out.flush();
        return s;
    }

    /** A TLS connection with a POST whose Content-Length promises far more body than is ever sent. */
    private static SSLSocket unfinishedUpload(VaultFixture vault) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("vault-ca", Pem.readCertificates(vault.vaultDir.resolve("ca.crt")).get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", vault.port());
        s.startHandshake();
        String head = "POST /v1/enroll HTTP/1.1\r\nHost: " + vault.address + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 60000\r\n\r\n{\"token\":\"";
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }
}
