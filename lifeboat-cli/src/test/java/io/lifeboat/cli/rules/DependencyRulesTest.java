package io.lifeboat.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The forbidden edges of docs/architecture.md, checked on the sources of every module: only
 * lifeboat-cli knows picocli; the job modules (replication, scan, readiness) never import each
 * other's packages nor the CLI's; lifeboat-tls imports none of them; no job module's POM depends
 * on another job module.
 */
class DependencyRulesTest {
    private static final List<String> JOBS = List.of("lifeboat-replication", "lifeboat-scan", "lifeboat-readiness");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final Pattern QUALIFIED = Pattern.compile("\\b(io\\.lifeboat(?:\\.\\w+)+)");

    private static Path root;
    /** module -> packages its main sources declare */
    private static final Map<String, Set<String>> PACKAGES = new HashMap<>();

    @BeforeAll
    static void scan() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("lifeboat-tls"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("project root above " + Path.of("").toAbsolutePath()).isNotNull();
        root = dir;
        for (String m : modules()) {
            Set<String> pkgs = new HashSet<>();
            for (Path f : sources(m, "main")) {
                Matcher p = PACKAGE.matcher(Files.readString(f));
                if (p.find()) {
                    pkgs.add(p.group(1));
                }
            }
            PACKAGES.put(m, pkgs);
        }
    }

    @Test
    void onlyTheCliImportsPicocli() throws IOException {
        for (String m : modules()) {
            if (m.equals("lifeboat-cli")) {
                continue;
            }
            for (String kind : List.of("main", "test")) {
                for (Path f : sources(m, kind)) {
                    assertThat(references(f)).as(root.relativize(f).toString())
                            .noneMatch(i -> i.startsWith("picocli"));
                }
            }
        }
    }

    @Test
    void jobModulesNeverUseEachOtherNorTheCli() throws IOException {
        for (String m : JOBS) {
            Set<String> forbidden = new HashSet<>(PACKAGES.getOrDefault("lifeboat-cli", Set.of()));
            forbidden.add("io.lifeboat.cli");
            for (String other : JOBS) {
                if (!other.equals(m)) {
                    forbidden.addAll(PACKAGES.getOrDefault(other, Set.of()));
                }
            }
            forbidden.removeAll(PACKAGES.getOrDefault(m, Set.of()));
            forbidden.removeAll(PACKAGES.getOrDefault("lifeboat-tls", Set.of()));
            checkNoReference(m, forbidden);
        }
    }

    @Test
    void theTlsModuleUsesNoOtherModule() throws IOException {
        Set<String> forbidden = new HashSet<>();
        for (Map.Entry<String, Set<String>> e : PACKAGES.entrySet()) {
            if (!e.getKey().equals("lifeboat-tls")) {
                forbidden.addAll(e.getValue());
            }
        }
        forbidden.removeAll(PACKAGES.get("lifeboat-tls"));
        checkNoReference("lifeboat-tls", forbidden);
    }

    @Test
    void jobModulePomsDependOnNoOtherJobModule() throws IOException {
        for (String m : JOBS) {
            Path pom = root.resolve(m).resolve("pom.xml");
            if (!Files.exists(pom)) {
                continue;
            }
            String text = Files.readString(pom).replaceAll("(?s)<parent>.*?</parent>", "");
            for (String other : JOBS) {
                if (!other.equals(m)) {
                    assertThat(text).as(m + "/pom.xml").doesNotContain("<artifactId>" + other + "</artifactId>");
                }
            }
            assertThat(text).as(m + "/pom.xml").doesNotContain("<artifactId>lifeboat-cli</artifactId>")
                    .doesNotContain("<artifactId>picocli</artifactId>");
        }
    }

    @Test
    void packageMatchingIsExact() {
        assertThat(inPackage("io.lifeboat.scan.Probe", "io.lifeboat.scan")).isTrue();
        assertThat(inPackage("io.lifeboat.scan", "io.lifeboat.scan")).isTrue();
        assertThat(inPackage("io.lifeboat.scanner.Probe", "io.lifeboat.scan")).isFalse();
        assertThat(inPackage("io.lifeboat.scan.codec.Hello", "io.lifeboat.scan")).isFalse();
    }

    @Test
    void theRulesSeeTheModules() {
        assertThat(PACKAGES.get("lifeboat-tls")).contains("io.lifeboat.tls", "io.lifeboat.tls.engine");
        assertThat(PACKAGES.get("lifeboat-replication")).contains("io.lifeboat.vault", "io.lifeboat.agent");
        assertThat(PACKAGES.get("lifeboat-cli")).contains("io.lifeboat.cli");
    }

    private static void checkNoReference(String module, Set<String> forbiddenPackages) throws IOException {
        for (String kind : List.of("main", "test")) {
            for (Path f : sources(module, kind)) {
                for (String ref : references(f)) {
                    for (String pkg : forbiddenPackages) {
                        assertThat(inPackage(ref, pkg)).as(root.relativize(f) + " uses " + ref).isFalse();
                    }
                }
            }
        }
    }

    /** True when {@code ref} is the package {@code pkg} or a class (or member) directly in it. */
    static boolean inPackage(String ref, String pkg) {
        return ref.equals(pkg)
                || ref.startsWith(pkg + ".") && Character.isUpperCase(ref.charAt(pkg.length() + 1));
    }

    /** Imports plus fully qualified io.lifeboat names in the code. */
    private static List<String> references(Path f) throws IOException {
        String text = Files.readString(f);
        List<String> refs = new ArrayList<>();
        Matcher i = IMPORT.matcher(text);
        while (i.find()) {
            refs.add(i.group(1));
        }
        String body = PACKAGE.matcher(text).replaceAll("");
        body = IMPORT.matcher(body).replaceAll("");
        // a package named inside a string literal (a layering test's own assertion) is not a use
        body = STRING_LITERAL.matcher(body).replaceAll("\"\"");
        Matcher q = QUALIFIED.matcher(body);
        while (q.find()) {
            refs.add(q.group(1));
        }
        return refs;
    }

    private static List<String> modules() throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().startsWith("lifeboat-") && Files.isDirectory(p.resolve("src")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> sources(String module, String kind) throws IOException {
        Path dir = root.resolve(module).resolve("src").resolve(kind).resolve("java");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }
}
