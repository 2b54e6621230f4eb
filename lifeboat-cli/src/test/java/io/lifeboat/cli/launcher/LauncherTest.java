package io.lifeboat.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The `lifeboat` launcher's decisions ({@code src/main/launcher/launch.sh}), run in bash as the
 * launcher runs them: a one-shot pass ({@code once_pass}) compiles with C1 and keeps C2 for the
 * hashing, never a running agent; the BoringSSL library is taken out of the jar once per build
 * ({@code native_libraries}); a failover gets its own directives ({@code failover_run}), the vault
 * its own, {@code compiler_directives} names each run's file and none for the others (a running
 * agent keeps the full JIT), every directives file is one the JVM accepts, and so are an agent's
 * JIT options ({@code agent_protect_jit}), the vault's ({@code vault_serve_jit}) and a one-shot pass's
 * heap ({@code once_pass_heap}).
 */
class LauncherTest {
    private static final Path LAUNCH = Path.of("src/main/launcher/launch.sh").toAbsolutePath();

    @TempDir
    Path tmp;
    private String agent;
    private String tree;
    private String image;

    @BeforeEach
    void sources() throws Exception {
        agent = Files.createDirectories(tmp.resolve("agent")).toString();
        tree = Files.createDirectories(tmp.resolve("tree")).toString();
        image = Files.write(tmp.resolve("disk.img"), new byte[] {1}).toString();
    }

    @Test
    void aFailoverIsAFailoverRun() throws Exception {
        assertThat(run("failover_run", "failover", "--dir", agent, "--machine", "web-1", "--to", image)).isTrue();
        assertThat(run("failover_run", "failover", "--group", "g", "--to-map", image)).isTrue();
        assertThat(run("failover_run", "verify", "--dir", agent)).as("another command").isFalse();
        assertThat(run("failover_run", "points", "failover")).as("failover as a value").isFalse();
        assertThat(run("failover_run")).as("no command").isFalse();
    }

    @Test
    void eachRunGetsItsOwnDirectivesFileAndTheOthersNone() throws Exception {
        String dir = LAUNCH.getParent().toString();
        assertThat(directives("agent", "protect", "--dir", agent, "--once", tree)).as("a tree's pass")
                .isEqualTo(dir + "/protect-once.directives");
        assertThat(directives("failover", "--dir", agent, "--machine", "web-1", "--to", image))
                .isEqualTo(dir + "/failover.directives");
        assertThat(directives("agent", "protect", "--dir", agent, "--once", image)).as("an image's pass")
                .isEqualTo(dir + "/protect-once.directives");
        assertThat(directives("agent", "protect", "--once", "--dir", agent, tree, image)).as("a folder and an image")
                .isEqualTo(dir + "/protect-once.directives");
        assertThat(directives("agent", "protect", "--dir", agent, "--config", image, "--once"))
                .as("sources named by --config").isEqualTo(dir + "/protect-once.directives");
        assertThat(directives("agent", "protect", "--dir", agent, tree)).as("a running agent").isEmpty();
        assertThat(directives("agent", "protect", "--dir", agent, "--interval", "5m", image)).as("a running agent")
                .isEmpty();
        assertThat(directives("agent", "protect", "--dir", agent, "--", "--once")).as("a source named --once")
                .isEmpty();
        assertThat(directives("agent", "enroll", "--once")).as("another agent command").isEmpty();
        assertThat(directives("vault", "serve", "--dir", agent)).as("the vault").isEqualTo(dir + "/vault-serve.directives");
        assertThat(directives("vault", "init", "--dir", agent)).as("another vault command").isEmpty();
    }

    @Test
    void everyDirectivesFileIsOneTheJvmStartsWith() throws Exception {
        // a file the JVM cannot parse stops it before main: every failover (or tree pass) would fail
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String file : List.of("failover.directives", "protect-once.directives",
                "vault-serve.directives")) {
            Path directives = LAUNCH.resolveSibling(file);
            Process p = new ProcessBuilder(java, "-XX:+UnlockDiagnosticVMOptions",
                    "-XX:CompilerDirectivesFile=" + directives, "-XX:-DisplayVMOutput", "-version")
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("java with %s: %s", file, output).isZero();
        }
    }

    /**
     * A one-shot pass keeps C2 for its per-byte hashing only: each class its first entry
     * names exactly must exist, or a rename would quietly leave that hashing to C1 (SHA-256 at
     * ~40 MB/s); and every other method stops at C1.
     */
    @Test
    void aOneShotPassKeepsC2ForClassesThatExist() throws Exception {
        String text = Files.readString(LAUNCH.resolveSibling("protect-once.directives"));
        String keep = text.substring(text.indexOf("{ match: ["), text.indexOf("c2: { Exclude: false }"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([\\w/$]+)\\.\\*\"").matcher(keep);
        List<String> named = new ArrayList<>();
        while (m.find()) {
            named.add(m.group(1).replace('/', '.'));
        }
        assertThat(named).contains("sun.security.provider.SHA2", "sun.security.provider.DigestBase",
                "io.lifeboat.replication.protocol.Compressibility");
        for (String name : named) {
            assertThat(Class.forName(name, false, getClass().getClassLoader())).as(name).isNotNull();
        }
        assertThat(text).contains("{ match: \"*.*\", c2: { Exclude: true } }");
    }

    /**
     * The fingerprint's method keeps the JVM's thresholds under the agent's x4: the JVM must take the
     * options without a word on stdout (where --json writes), and the method must exist, or the
     * command quietly matches nothing (a hash4j upgrade that renamed it).
     */
    @Test
    void anAgentsPassKeepsTheFingerprintMethodAtTheJvmsThresholds() throws Exception {
        List<String> options = lines("agent_protect_jit");
        String method = "com.dynatrace.hash4j.hashing.XXH3_128::hashBytesTo128Bits";
        assertThat(options).containsExactly("-XX:CompileThresholdScaling=4", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=CompileThresholdScaling," + method + ",0.25");
        assertThat(Class.forName("com.dynatrace.hash4j.hashing.XXH3_128")
                .getDeclaredMethod("hashBytesTo128Bits", byte[].class, int.class, int.class))
                .as("the method the command names, which BlockFingerprint calls").isNotNull();
        assertTakenQuietly(options, "CompileCommand");

        assertThat(lines("agent_protect_jit", "-DLIFEBOAT_LOG_LEVEL=debug -XX:+DumpPerfMapAtExit")).isEqualTo(options);
        assertThat(lines("agent_protect_jit", "-XX:CompileCommand=CompileThresholdScaling,a.B::c,0.5"))
                .as("a per-method threshold keeps the launcher's own").isEqualTo(options);
        for (String own : List.of("-XX:CompileThresholdScaling=1", "-Dx=1 -XX:CompileThreshold=1000",
                "-XX:Tier4InvocationThreshold=1000", "-XX:Tier3BackEdgeThreshold=5000")) {
            assertThat(lines("agent_protect_jit", own)).as(own).isEmpty();
        }
    }

    /**
     * The vault's C2 inlines less (vault_serve_jit): exactly the two limits measured, which the JVM
     * must take without a word on stdout or stderr (an option this JDK did not know would stop
     * {@code vault serve} before main).
     */
    @Test
    void theVaultsC2InlinesLessDeeply() throws Exception {
        List<String> options = lines("vault_serve_jit");
        assertThat(options).containsExactly("-XX:MaxInlineLevel=9", "-XX:InlineSmallCode=1000");
        assertTakenQuietly(options, "Inline");
    }

    /**
     * {@code java OPTIONS -version} ends with 0, nothing on stdout (where --json writes) and nothing on
     * stderr that names {@code subject} or an error: an option this JDK did not take would stop the
     * command before main.
     */
    private static void assertTakenQuietly(List<String> options, String subject) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.add("-version");
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("java %s: %s", options, err).isZero();
        assertThat(out).as("nothing on stdout").isEmpty();
        assertThat(err).as("no complaint about the options").doesNotContain(subject).doesNotContain("rror");
    }

    /**
     * A one-shot pass starts with a larger heap unless the user's options size the heap (a user's
     * -Xmx192m beside our initial size could start no JVM); the JVM must take the options quietly
     * (nothing on stdout, where --json writes) with the launcher's serial collector, give the young
     * generation at least 2% of RAM (what keeps the pass's records from being copied by a collection
     * mid-pass), and leave the old generation's room as it was: two thirds of the maximum heap.
     */
    @Test
    void aOneShotPassGetsALargerInitialHeapUnlessTheUserSizesIt() throws Exception {
        List<String> options = lines("once_pass_heap", "-DLIFEBOAT_LOG_LEVEL=debug -XX:+UseTransparentHugePages");
        assertThat(options).containsExactly("-XX:InitialRAMPercentage=6");
        assertThat(lines("once_pass_heap")).as("no options").isEqualTo(options);
        for (String own : List.of("-Xmx192m", "-Dx=1 -Xms64m", "-Xmn32m", "-XX:MaxHeapSize=256m", "-XX:InitialRAMPercentage=1",
                "-XX:MaxRAMPercentage=10", "-XX:NewSize=8m", "-XX:NewRatio=3")) {
            assertThat(lines("once_pass_heap", own)).as(own).isEmpty();
        }

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC"));
        command.addAll(options);
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("java %s: %s", options, err).isZero();
        assertThat(err).as("no warning").doesNotContain("arning");
        long heap = flag(out, "InitialHeapSize");
        long max = flag(out, "MaxHeapSize");
        long ram = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        assertThat(heap).as("6%% of %s RAM", ram).isGreaterThanOrEqualTo(Math.min(ram * 6 / 100 - (8 << 20), max));
        assertThat(flag(out, "NewSize")).as("young, of %s RAM", ram).isGreaterThanOrEqualTo(Math.min(ram / 50 - (8 << 20), max / 3));
        assertThat(flag(out, "MaxNewSize")).as("the young generation's most, of a %s heap", max).isLessThanOrEqualTo(max / 3 + (8 << 20));
    }

    /** A numeric flag's value in -XX:+PrintFlagsFinal's table. */
    private static long flag(String table, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b" + name + "\\s+= (\\d+)").matcher(table);
        assertThat(m.find()).as(name).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void theNativeLibraryIsTakenOutOfTheJarOncePerBuild() throws Exception {
        Path jar = tmp.resolve("lifeboat.jar");
        Path native_ = tmp.resolve("native");
        writeJar(jar, "first build");
        assertThat(run("native_libraries", jar.toString(), native_.toString())).isTrue();
        Path lib = native_.resolve("libnetty_tcnative_linux_x86_64.so");
        assertThat(Files.readString(lib)).isEqualTo("first build");
        Files.writeString(lib, "kept"); // a later run of the same build uses the copy it finds
        assertThat(run("native_libraries", jar.toString(), native_.toString())).isTrue();
        assertThat(Files.readString(lib)).isEqualTo("kept");

        writeJar(jar, "second build");
        // the copy was taken out before this build: older than the jar
        Files.setLastModifiedTime(native_, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 2000));
        assertThat(run("native_libraries", jar.toString(), native_.toString())).isTrue();
        assertThat(Files.readString(lib)).as("a newer jar is taken out again").isEqualTo("second build");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary folder left")
                    .containsExactlyInAnyOrder("lifeboat.jar", "native", "agent", "tree", "disk.img");
        }
    }

    @Test
    void aJarWithoutTheLibraryGivesNoFolder() throws Exception {
        Path jar = tmp.resolve("other.jar");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            z.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            z.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(run("native_libraries", jar.toString(), tmp.resolve("native").toString())).isFalse();
        assertThat(tmp.resolve("native")).doesNotExist();
    }

    private static void writeJar(Path jar, String library) throws Exception {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            z.putNextEntry(new ZipEntry("META-INF/native/libnetty_tcnative_linux_x86_64.so"));
            z.write(library.getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("io/lifeboat/Other.class"));
            z.write(new byte[] {1, 2, 3});
        }
    }

    /** Runs one function of launch.sh in bash; true when it returned 0. */
    private static boolean run(String... functionAndArgs) throws Exception {
        Process p = bash(functionAndArgs);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("the function prints nothing").isEmpty();
        return p.exitValue() == 0;
    }

    /** What launch.sh's compiler_directives prints for the command line {@code args}, without its newline. */
    private static String directives(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("compiler_directives"));
        command.addAll(List.of(args));
        Process p = bash(command.toArray(String[]::new));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("compiler_directives: %s", output).isZero();
        return output.strip();
    }

    /** What one function of launch.sh prints, line by line; it must return 0. */
    private static List<String> lines(String... functionAndArgs) throws Exception {
        Process p = bash(functionAndArgs);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", functionAndArgs[0], output).isZero();
        return output.lines().toList();
    }

    /** Starts bash on one function of launch.sh, stderr joined to stdout. */
    private static Process bash(String... functionAndArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "source \"$0\" && \"$@\"", LAUNCH.toString()));
        command.addAll(List.of(functionAndArgs));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
