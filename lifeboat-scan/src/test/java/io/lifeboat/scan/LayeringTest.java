package io.lifeboat.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The forbidden edges of this module: the codec, the probes, the certificate judge and the report
 * never open sockets (only {@code io.lifeboat.scan.net} does; TLS 1.3 chains are read by our own codec), and
 * nothing here knows picocli, Jackson or another job module.
 */
class LayeringTest {
    private static final Path MAIN = Path.of("src/main/java/io/lifeboat/scan");

    private static List<Path> sources(String pkg) throws IOException {
        try (Stream<Path> s = Files.walk(MAIN.resolve(pkg))) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void onlyTheNetPackageTouchesSockets() throws IOException {
        for (String pkg : List.of("probe", "report")) {
            for (Path p : sources(pkg)) {
                assertThat(Files.readString(p)).as(p.toString())
                        .doesNotContain("import java.net.").doesNotContain("import javax.net.");
            }
        }
        // the codec the scanner speaks through lives in lifeboat-tls now, and never sees a socket either
        try (Stream<Path> s = Files.walk(Path.of("../lifeboat-tls/src/main/java/io/lifeboat/tls/wire"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                assertThat(Files.readString(p)).as(p.toString())
                        .doesNotContain("import java.net.").doesNotContain("import javax.net.");
            }
        }
    }

    @Test
    void noCliOrOtherJobModule() throws IOException {
        for (Path p : sources(".")) {
            assertThat(Files.readString(p)).as(p.toString())
                    .doesNotContain("picocli").doesNotContain("com.fasterxml")
                    .doesNotContain("io.lifeboat.repository").doesNotContain("io.lifeboat.readiness")
                    .doesNotContain("io.lifeboat.replication").doesNotContain("System.getenv");
        }
    }
}
