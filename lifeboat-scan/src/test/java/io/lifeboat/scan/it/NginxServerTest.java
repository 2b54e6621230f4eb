package io.lifeboat.scan.it;

import static io.lifeboat.tls.ProtocolVersion.TLS_1_2;
import static io.lifeboat.tls.ProtocolVersion.TLS_1_3;

import io.lifeboat.scan.probe.Verdict;
import io.lifeboat.scan.report.TargetReport;
import io.lifeboat.tls.pki.HeldCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner against nginx, run in the foreground from a temporary prefix (its own nginx.conf, pid,
 * logs and temp paths), as the current user, as one process ({@code master_process off}) so that
 * stopping it can leave no worker behind.
 */
@Tag("integration")
class NginxServerTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void tool() {
        Tools.require("nginx");
        Tools.require("openssl");
    }

    private TargetReport scan(HeldCertificate cert, String protocols, String ciphers) throws Exception {
        TestPki.Files f = TestPki.write(cert, dir, "server");
        return scan("""
                        listen 127.0.0.1:{PORT} ssl;
                        ssl_certificate %s;
                        ssl_certificate_key %s;
                        ssl_protocols %s;
                        ssl_ciphers %s;
                        ssl_prefer_server_ciphers on;
                """.formatted(f.chain(), f.key(), protocols, ciphers));
    }

    /** Starts nginx with one server block ({@code {PORT}} stands for its port) and scans it. */
    private TargetReport scan(String serverBlock) throws Exception {
        int port = PeerProcess.freePort();
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("tmp"));
        String conf = """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    server {
                %2$s
                        location / { return 200 "ok\\n"; }
                    }
                }
                """.formatted(dir, serverBlock.replace("{PORT}", String.valueOf(port)));
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        List<String> cmd = List.of(Tools.path("nginx"), "-p", dir.toString(), "-e", dir.resolve("logs/error.log").toString(),
                "-c", confFile.toString());
        try (PeerProcess p = PeerProcess.start(cmd, port, dir)) {
            return Scans.scan(port);
        }
    }

    @Test
    void tls12AeadOnlyWithRsa() throws Exception {
        String spec = "ECDHE+AESGCM:ECDHE+CHACHA20";
        TargetReport r = scan(TestPki.RSA, "TLSv1.2", spec);
        ReportAssert.that(r).acceptsExactly(TLS_1_2)
                .suitesInServerOrder(TLS_1_2, Expected.openssl("-tls1_2", spec, "RSA"))
                .fallbackScsv(Verdict.NOT_APPLICABLE)
                .downgradeSentinel(Verdict.NOT_APPLICABLE)
                .renegotiation(Verdict.SUPPORTED)
                .certificate(true, false, false, true)
                .certificateKey("RSA", 2048)
                .compliant(true);
    }

    @Test
    void selfSignedEcdsaWithTls12And13() throws Exception {
        String spec = "ECDHE+AESGCM";
        TargetReport r = scan(TestPki.SELF_SIGNED, "TLSv1.2 TLSv1.3", spec);
        ReportAssert.that(r).acceptsExactly(TLS_1_2, TLS_1_3)
                .suitesInServerOrder(TLS_1_2, Expected.openssl("-tls1_2", spec, "EC"))
                .suites(TLS_1_3, Expected.openssl13(null))
                .fallbackScsv(Verdict.SUPPORTED)
                .downgradeSentinel(Verdict.SUPPORTED)
                .certificate(false, false, true, true)
                .compliant(false)
                .hasFinding("certificate-untrusted")
                .hasFinding("certificate-self-signed");
    }

    /** Issue 16: a real HTTP server on the port is "not TLS", with its answer as evidence. */
    @Test
    void plainHttpNginxIsNotTls() throws Exception {
        TargetReport r = scan("        listen 127.0.0.1:{PORT};\n");
        org.assertj.core.api.Assertions.assertThat(r.status()).isEqualTo(io.lifeboat.scan.report.TargetStatus.NOT_TLS);
        org.assertj.core.api.Assertions.assertThat(r.findings()).singleElement().satisfies(f -> {
            org.assertj.core.api.Assertions.assertThat(f.id()).isEqualTo("not-tls");
            org.assertj.core.api.Assertions.assertThat(f.message()).contains("HTTP/1.1 400", "HTTP/1.1 200 OK");
        });
    }
}
