package io.lifeboat.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.cli.agent.AgentProtectCommand;
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
 * launcher runs them: compiling a one-shot tree pass with C1 and keeping C2 for the hashing
 * ({@code once_over_trees}) must hold for folders only, with {@code --once}, and never for an
 * image, a running agent or paths it cannot see; the BoringSSL library is taken out of the jar
 * once per build ({@code native_libraries}); a failover gets its own directives ({@code
 * failover_run}), any other one-shot pass its own ({@code once_pass}), the vault its own, {@code
 * compiler_directives} names each run's file and none for the others (a running agent keeps the full JIT),
 * every directives file is one the JVM accepts, and so are an agent's JIT options ({@code agent_protect_jit}).
 */
class LauncherTest {
    private static final Path LAUNCH = Path.of("src/main/launcher/launch.sh").toAbsolutePath();

    @TempDir
    Path tmp;
    private String agent;
    private String tree;
    private String tree2;
    private String image;

    @BeforeEach
    void sources() throws Exception {
        agent = Files.createDirectories(tmp.resolve("agent")).toString();
        tree = Files.createDirectories(tmp.resolve("tree")).toString();
        tree2 = Files.createDirectories(tmp.resolve("other tree")).toString();
        image = Files.write(tmp.resolve("disk.img"), new byte[] {1}).toString();
    }

    @Test
    void aOneShotPassOfFoldersIsATreePass() throws Exception {
        assertThat(treePass("agent", "protect", "--dir", agent, "--once", tree)).isTrue();
        assertThat(treePass("agent", "protect", "--once", "--json", "--dir=" + agent, tree, tree2)).isTrue();
        assertThat(treePass("agent", "protect", tree, "--once", "--reread-after", "12h", "--dir", agent)).isTrue();
        assertThat(treePass("agent", "protect", "--dir", agent, "--once", "--", tree)).isTrue();
    }

    @Test
    void anImageARunningAgentOrUnseenPathsAreNot() throws Exception {
        assertThat(treePass("agent", "protect", "--dir", agent, "--once", image)).as("an image").isFalse();
        assertThat(treePass("agent", "protect", "--dir", agent, "--once", tree, image)).as("a tree and an image").isFalse();
        assertThat(treePass("agent", "protect", "--dir", agent, tree)).as("a running agent").isFalse();
        assertThat(treePass("agent", "protect", "--dir", agent, "--once")).as("no path").isFalse();
        assertThat(treePass("agent", "protect", "--once", "--dir", agent, "--config", image)).as("paths in a file").isFalse();
        assertThat(treePass("agent", "protect", "--once", "--dir", agent, tmp.resolve("gone").toString()))
                .as("a path that does not exist").isFalse();
        assertThat(treePass("agent", "run", "--dir", agent, "--once", tree)).as("another command").isFalse();
        assertThat(treePass("vault", "serve", "--dir", tree)).as("another command").isFalse();
    }

    @Test
    void anOptionsValueIsNotAPath() throws Exception {
        // the agent folder and a --group name are folders here, and must not make an image's pass a tree pass
        assertThat(treePass("agent", "protect", "--dir", agent, "--once", "--group", tree, image)).isFalse();
        assertThat(treePass("agent", "protect", "--once", "--dir", agent)).isFalse();
    }

    @Test
    void everyOptionOfAgentProtectThatTakesAValueIsSkippedWithIt() throws Exception {
        // a new option with a value that the launcher does not know would be read as a source path
        String launch = Files.readString(LAUNCH);
        for (picocli.CommandLine.Model.OptionSpec o : new picocli.CommandLine(new AgentProtectCommand()).getCommandSpec()
                .options()) {
            if (o.arity().max() > 0 && !o.usageHelp() && !o.versionHelp()) {
                assertThat(launch).as("launch.sh's once_over_trees skips %s and its value", o.longestName())
                        .containsPattern("[ (|]" + java.util.regex.Pattern.quote(o.longestName()) + "[ )|]");
            }
        }
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
        assertThat(directives("agent", "protect", "--dir", agent, "--once", tree)).isEqualTo(dir + "/tree-pass.directives");
        assertThat(directives("failover", "--dir", agent, "--machine", "web-1", "--to", image))
                .isEqualTo(dir + "/failover.directives");
        assertThat(directives("agent", "protect", "--dir", agent, "--once", image)).as("an image's pass")
                .isEqualTo(dir + "/image-pass.directives");
        assertThat(directives("agent", "protect", "--once", "--dir", agent, tree, image)).as("a folder and an image")
                .isEqualTo(dir + "/image-pass.directives");
        assertThat(directives("agent", "protect", "--dir", agent, "--config", image, "--once"))
                .as("sources named by --config").isEqualTo(dir + "/image-pass.directives");
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
        for (String file : List.of("failover.directives", "tree-pass.directives", "image-pass.directives",
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
     * An image's one-shot pass keeps C2 for its per-byte hashing only: each class its first entry
     * names exactly must exist, or a rename would quietly leave that hashing to C1 (SHA-256 at
     * ~40 MB/s); and every other method stops at C1.
     */
    @Test
    void anImagePassKeepsC2ForClassesThatExist() throws Exception {
        String text = Files.readString(LAUNCH.resolveSibling("image-pass.directives"));
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
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.add("-version");
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("java %s: %s", options, err).isZero();
        assertThat(out).as("nothing on stdout").isEmpty();
        assertThat(err).as("no complaint about the commands").doesNotContain("CompileCommand").doesNotContain("rror");
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
                    .containsExactlyInAnyOrder("lifeboat.jar", "native", "agent", "tree", "other tree", "disk.img");
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

    private static boolean treePass(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("once_over_trees"));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
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
