package io.lifeboat.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The forbidden edges of this module, checked in its compiled classes: no other job module, no
 * picocli, and (outside the live adapter) no files, processes or sockets: the CLI reads what the
 * user names and hands over bytes.
 */
class ModuleEdgesTest {
    static final List<String> NEVER = List.of("io/lifeboat/scan/", "io/lifeboat/replication/", "io/lifeboat/repository/",
            "io/lifeboat/cli/", "picocli/");
    static final List<String> ONLY_ADAPTERS = List.of("java/nio/file/Files", "java/io/FileInputStream", "java/io/File;",
            "java/lang/ProcessBuilder", "java/net/Socket");

    @Test
    void readinessClassesKeepTheirEdges() throws IOException, URISyntaxException {
        Path root = Path.of(ModuleEdgesTest.class.getResource("/io/lifeboat/readiness/registry/RegistryView.class").toURI())
                .getParent().getParent();
        List<String> violations = new ArrayList<>();
        int classes = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                classes++;
                String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                String rel = root.relativize(p).toString();
                for (String n : NEVER) {
                    if (text.contains(n)) {
                        violations.add(rel + " refers to " + n);
                    }
                }
                if (!rel.startsWith("live")) {
                    for (String n : ONLY_ADAPTERS) {
                        if (text.contains(n)) {
                            violations.add(rel + " uses " + n + " (only the live adapter may)");
                        }
                    }
                }
            }
        }
        assertThat(classes).isGreaterThan(30);
        assertThat(violations).isEmpty();
    }
}
