package io.lifeboat.scan.it;

import static io.lifeboat.tls.ProtocolVersion.TLS_1_2;
import static io.lifeboat.tls.ProtocolVersion.TLS_1_3;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.scan.ScanListener;
import io.lifeboat.scan.Scanner;
import io.lifeboat.scan.net.Target;
import io.lifeboat.scan.net.starttls.StartTls;
import io.lifeboat.scan.report.TargetReport;
import io.lifeboat.tls.pki.Pem;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code --starttls postgres} against a real PostgreSQL server from Debian, started here on loopback
 * with {@code ssl = on} and the test PKI's certificate. PostgreSQL refuses to run as root, so under
 * root (CI) it runs as the {@code postgres} user the package creates. Skips when PostgreSQL is not
 * installed, except under CI (.ci/run installs it).
 */
@Tag("integration")
class PostgresStartTlsTest {

    private static Optional<Path> bin() {
        List<Path> dirs = new ArrayList<>();
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            dirs.add(Path.of(d));
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.sorted(java.util.Comparator.reverseOrder()).forEach(v -> dirs.add(v.resolve("bin")));
        } catch (IOException absent) {
            // not installed from Debian's packages
        }
        return dirs.stream().filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("postgres")))
                .findFirst();
    }

    @Test
    void aRealPostgresIsScannedAfterItsSslRequest() throws Exception {
        Optional<Path> bin = bin();
        if (bin.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("PostgreSQL is not installed; .ci/run installs it");
            }
            Assumptions.abort("PostgreSQL is not installed");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("lifeboat-pg");
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            TestPki.Files f = TestPki.write(TestPki.ECDSA, dir, "server");
            Files.setPosixFilePermissions(f.key(), PosixFilePermissions.fromString("rw-------"));
            if (root) {
                UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
                for (Path p : List.of(dir, f.chain(), f.key())) {
                    Files.setOwner(p, users.lookupPrincipalByName("postgres"));
                }
            }
            Path data = dir.resolve("data");
            run(root, List.of(bin.get().resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "lifeboat",
                    "--no-sync"), dir);
            int port = PeerProcess.freePort();
            List<String> cmd = command(root, List.of(bin.get().resolve("postgres").toString(), "-D", data.toString(),
                    "-h", "127.0.0.1", "-p", String.valueOf(port), "-k", dir.toString(),
                    "-c", "ssl=on", "-c", "ssl_cert_file=" + f.chain(), "-c", "ssl_key_file=" + f.key(),
                    "-c", "fsync=off"));
            TargetReport r;
            try (PeerProcess pg = PeerProcess.start(cmd, port, dir)) {
                Target t = Target.parse("127.0.0.1:" + port, Optional.of(TestPki.HOST));
                r = new Scanner(Scans.options().withStartTls(Optional.of(StartTls.POSTGRES))).scan(List.of(t),
                        ScanListener.NONE).get(0);
            }
            ReportAssert.that(r).acceptsExactly(TLS_1_2, TLS_1_3).certificate(true, false, false, true);
            assertThat(r.certificate().orElseThrow().subject()).contains("ecdsa.localhost");
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<String> command(boolean root, List<String> cmd) {
        List<String> out = new ArrayList<>();
        if (root) {
            out.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        out.addAll(cmd);
        return out;
    }

    private static void run(boolean root, List<String> cmd, Path dir) throws Exception {
        Process p = new ProcessBuilder(command(root, cmd)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(cmd + " failed: " + out);
        }
    }
}
