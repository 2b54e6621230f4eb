package io.lifeboat.vault.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.vault.TestVault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The alert a peer tool reads when a BoringSSL vault refuses its client certificate names the reason,
 * in both versions: not {@code internal_error} (what it sent for a certificate from another CA, which
 * sent an operator looking for a fault in the vault). The JDK engine's server (JDK 17) sends
 * {@code certificate_unknown} for every refused client certificate: a certificate alert, the most it
 * can tell. The client is OpenSSL's.
 */
class RefusalAlertTest {
    @TempDir
    Path tmp;

    /** Which certificate the client presents. */
    enum Presented {
        /** Signed by another CA of the same name as the vault's (a forged CA). */
        ANOTHER_CA("unknown ca"),
        /** Signed by the vault's CA, expired ten days ago. */
        EXPIRED("certificate expired"),
        /** Signed by the vault's CA for servers only: its key usage does not allow a client. */
        SERVER_ONLY("bad certificate");

        /** The alert a BoringSSL vault sends, as OpenSSL's client names it. */
        final String alert;

        Presented(String alert) {
            this.alert = alert;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(TlsEngine.values()).flatMap(e -> Stream.of("-tls1_3", "-tls1_2")
                .flatMap(v -> Stream.of(Presented.values()).map(p -> Arguments.of(e, v, p))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void theAlertNamesWhyTheCertificateWasRefused(TlsEngine engine, String version, Presented presented)
            throws Exception {
        String openssl = onPath("openssl");
        try (TestVault v = new TestVault(tmp, engine)) {
            certificate(presented, v.vault.authority().ca()).writeTo(tmp, "client");
            Process p = new ProcessBuilder(openssl, "s_client", "-connect", "127.0.0.1:" + v.port(), version,
                    "-cert", tmp.resolve("client.crt").toString(), "-key", tmp.resolve("client.key").toString(),
                    "-ign_eof").redirectErrorStream(true).start();
            try {
                try {
                    p.getOutputStream().write("GET /health HTTP/1.1\r\nHost: vault.test\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    p.getOutputStream().close();
                } catch (IOException ended) {
                    // s_client may have read the alert and exited before taking its input
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                assertThat(out).as(out).contains("alert " + (engine == TlsEngine.JDK ? "certificate unknown" : presented.alert));
                assertThat(out).as(out).doesNotContain("HTTP/1.1");
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private static HeldCertificate certificate(Presented presented, HeldCertificate vaultCa) throws Exception {
        CertificateBuilder b = new CertificateBuilder().commonName("web01");
        return switch (presented) {
            case ANOTHER_CA -> b.clientAuth().signedBy(new CertificateBuilder().commonName("Lifeboat vault CA")
                    .organization("Lifeboat").certificateAuthority(0).build()).build();
            case EXPIRED -> b.clientAuth()
                    .validity(Instant.now().minus(Duration.ofDays(40)), Instant.now().minus(Duration.ofDays(10)))
                    .signedBy(vaultCa).build();
            case SERVER_ONLY -> b.serverAuth().signedBy(vaultCa).build();
        };
    }

    /** The tool, or a skip when it is missing (a failure under CI, whose image has it). */
    private static String onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(tool + " is not installed, but CI=true");
        }
        org.junit.jupiter.api.Assumptions.abort(tool + " is not installed");
        return tool;
    }
}
