package io.lifeboat.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.Main;
import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.tls.pki.Pem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `lifeboat scan` end to end in this JVM against in-process JDK TLS servers: exit codes, text and JSON. */
class ScanCommandTest {
    static final HeldCertificate CA = new CertificateBuilder().commonName("cli test CA").certificateAuthority(0)
            .validFor(Duration.ofDays(2)).build();
    static final HeldCertificate LEAF = new CertificateBuilder().commonName("localhost").dnsName("localhost")
            .serverAuth().signedBy(CA).build();

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;
    private SSLServerSocket server;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() throws IOException {
        System.setOut(oldOut);
        System.setErr(oldErr);
        if (server != null) {
            server.close();
        }
    }

    private int serve(List<String> protocols, List<String> suites) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", LEAF.keyPair().getPrivate(), new char[0], new Certificate[] {LEAF.certificate(), CA.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 100, InetAddress.getLoopbackAddress());
        SSLParameters p = server.getSSLParameters();
        p.setProtocols(protocols.toArray(String[]::new));
        p.setCipherSuites(suites.toArray(String[]::new));
        p.setUseCipherSuitesOrder(true);
        server.setSSLParameters(p);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    SSLSocket s = (SSLSocket) server.accept();
                    Thread h = new Thread(() -> {
                        try (Socket c = s) {
                            c.setSoTimeout(3000);
                            s.startHandshake();
                        } catch (IOException ignored) {
                            // scanners hang up mid-handshake
                        }
                    });
                    h.setDaemon(true);
                    h.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    private Path caFile() throws IOException {
        Path ca = dir.resolve("ca.pem");
        Pem.writeCertificates(ca, CA.certificate());
        return ca;
    }

    @Test
    void compliantEndpointExitsZeroWithATextReport() throws Exception {
        int port = serve(List.of("TLSv1.2"), List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"));
        int code = Main.run("scan", "127.0.0.1:" + port, "--sni", "localhost", "--ca", caFile().toString(), "--timeout", "3s");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text + err).isEqualTo(0);
        assertThat(text).contains("COMPLIANT", "TLSv1.2  accepted  (server order)",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "trusted    yes", "1 of 1 target(s) compliant");
    }

    /** Issue 16: a port that closes every connection is "not TLS" (exit 3), not a TLS server refusing every version. */
    @Test
    void closeOnAcceptPeerIsNotTlsAndExitsThree() throws Exception {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    server.accept().close();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        try (server) {
            int code = Main.run("scan", "127.0.0.1:" + server.getLocalPort(), "--timeout", "3s", "--json", "-");
            assertThat(code).as(err.toString()).isEqualTo(3);
            JsonNode target = JsonOutput.MAPPER.readTree(out.toString(StandardCharsets.UTF_8)).get("targets").get(0);
            assertThat(target.get("status").asText()).isEqualTo("not_tls");
            assertThat(target.get("notTls").asText()).contains("without sending a byte");
            assertThat(target.get("findings").get(0).get("id").asText()).isEqualTo("not-tls");
        }
    }

    @Test
    void nonCompliantEndpointExitsThreeAndTheJsonFollowsTheSchema() throws Exception {
        int port = serve(List.of("TLSv1.3", "TLSv1.2"), List.of("TLS_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
        int code = Main.run("scan", "127.0.0.1:" + port, "--sni", "localhost", "--ca", caFile().toString(), "--json", "-");
        assertThat(code).isEqualTo(3);
        JsonNode root = JsonOutput.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(root.get("schema").asText()).isEqualTo("lifeboat-scan/1");
        assertThat(root.get("compliant").asBoolean()).isFalse();
        JsonNode t = root.get("targets").get(0);
        assertThat(t.get("target").asText()).isEqualTo("127.0.0.1:" + port);
        assertThat(t.get("protocols").fieldNames()).toIterable()
                .containsExactly("SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
        assertThat(t.at("/protocols/TLSv1.2/accepted").asBoolean()).isTrue();
        assertThat(t.at("/protocols/TLSv1.1/accepted").asBoolean()).isFalse();
        assertThat(t.at("/protocols/TLSv1.2/cipherSuites/0").asText()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThat(t.at("/protocols/TLSv1.2/cipherSuiteIds/0").asText()).isEqualTo("0xC02B");
        assertThat(t.at("/protocols/TLSv1.3/cipherSuites/0").asText()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(t.get("fallbackScsv").asText()).isEqualTo("not_supported");
        assertThat(t.get("downgradeSentinel").asText()).isEqualTo("supported");
        assertThat(t.at("/certificate/trusted").asBoolean()).isTrue();
        assertThat(t.at("/certificate/expired").asBoolean()).isFalse();
        assertThat(t.at("/certificate/selfSigned").asBoolean()).isFalse();
        assertThat(t.at("/certificate/hostnameMatches").asBoolean()).isTrue();
        assertThat(t.get("findings").findValuesAsText("id")).contains("fallback-scsv-missing");
        assertThat(t.get("attempts").size()).isGreaterThan(8);
        assertThat(t.get("attempts").get(0).fieldNames()).toIterable().containsExactly("probe", "status", "reason", "detail");
    }

    @Test
    void targetsFileAndJsonFileWithAProgressLine() throws Exception {
        int port = serve(List.of("TLSv1.2"), List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
        Path targets = dir.resolve("targets.txt");
        Files.writeString(targets, "# fleet\n127.0.0.1:" + port + "\n\nlocalhost:" + port + "  # by name\n");
        Path json = dir.resolve("report.json");
        int code = Main.run("scan", "-f", targets.toString(), "--ca", caFile().toString(), "--json", json.toString());
        assertThat(code).isEqualTo(3); // the address target has no SNI and no IP SAN: hostname mismatch
        JsonNode root = JsonOutput.MAPPER.readTree(json.toFile());
        assertThat(root.get("targets")).hasSize(2);
        assertThat(root.at("/targets/1/sni").asText()).isEqualTo("localhost");
        assertThat(root.at("/targets/1/compliant").asBoolean()).isTrue();
        assertThat(root.at("/targets/0/certificate/hostnameMatches").asBoolean()).isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("scan [");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 of 2 target(s) compliant");
    }

    @Test
    void usageErrorsExitTwoWithOneLine() throws Exception {
        assertThat(Main.run("scan")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("lifeboat: no targets");
        assertThat(Main.run("scan", "example.org:99999")).isEqualTo(2);
        assertThat(Main.run("scan", "example.org:https")).isEqualTo(2);
        assertThat(Main.run("scan", "127.0.0.1:1", "--timeout", "soon")).isEqualTo(2);
        assertThat(Main.run("scan", "127.0.0.1:1", "--ca", dir.resolve("missing.pem").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("Exception", "\tat ");
    }
}
