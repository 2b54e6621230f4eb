package io.lifeboat.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The `lifeboat` launcher's class-data archive, run for real: the launcher script and launch.sh
 * copied into a folder laid out as the project is, with a small jar of one class (`Hello`) where
 * the CLI's jar would be, built for Java 5 as picocli is. Its first run after a build lists the
 * classes it loads and dumps them into a static archive ({@code dump_class_archive}); later runs map
 * it (the class comes from "shared objects file", not the jar, which JDK 17's dynamic archive did
 * not do for such a class); a newer jar gets a new archive, never the old one; a damaged archive
 * is ignored by the JVM (the run is the same, its classes read from the jar); a run a signal stops
 * makes none; nothing temporary is left beside it, and what a killed launcher left is removed by the
 * next first run once its process has ended. The dump runs after the launcher has exited, in a
 * process of its own: the tests wait for the archive with a bound ({@link #awaitInTarget}), and one
 * holds the dump back (LIFEBOAT_DUMP_JAVA) to show that the launcher and its pipes end before it.
 */
class LauncherArchiveTest {
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final String SHARED = "Hello source: shared objects file";
    private static final String FROM_JAR = "Hello source: file:";

    @TempDir
    Path root;
    private Path jar;
    private Path archive;

    @BeforeEach
    void project() throws Exception {
        Path launcher = Files.createDirectories(root.resolve("lifeboat-cli/src/main/launcher"));
        Files.copy(PROJECT.resolve("lifeboat"), root.resolve("lifeboat"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(PROJECT.resolve("lifeboat-cli/src/main/launcher/launch.sh"), launcher.resolve("launch.sh"));
        // the sources older than the jar: the launcher does not try to build
        Files.setLastModifiedTime(launcher.resolve("launch.sh"), FileTime.fromMillis(System.currentTimeMillis() - 600_000));
        Files.setLastModifiedTime(launcher, FileTime.fromMillis(System.currentTimeMillis() - 600_000));
        jar = Files.createDirectories(root.resolve("lifeboat-cli/target")).resolve("lifeboat.jar");
        archive = jar.resolveSibling("lifeboat-hello.jsa");
    }

    @Test
    void theFirstRunMakesTheArchiveAndLaterRunsMapIt() throws Exception {
        build("first");
        Run first = launch("hello", "world", "3");
        assertThat(first.out).contains("hello world from first");
        assertThat(first.status).as("the command's own exit status").isEqualTo(3);
        awaitInTarget("nothing temporary left", "lifeboat.jar", "lifeboat-hello.jsa");
        assertThat(archive).isNotEmptyFile();

        FileTime made = Files.getLastModifiedTime(archive);
        Run second = launch("hello", "again", "0");
        assertThat(second.out).contains("hello again from first").contains(SHARED).doesNotContain(FROM_JAR);
        assertThat(Files.getLastModifiedTime(archive)).as("reused, not made again").isEqualTo(made);
    }

    @Test
    void aNewerJarGetsANewArchiveNeverTheOldOne() throws Exception {
        build("first");
        launch("hello", "world", "0");
        awaitInTarget("the first archive", "lifeboat.jar", "lifeboat-hello.jsa");
        Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis() - 5_000));

        build("second"); // the jar rebuilt after the archive was made
        Run rebuilt = launch("hello", "world", "0");
        assertThat(rebuilt.out).contains("hello world from second").contains(FROM_JAR);
        awaitInTarget("the new archive", "lifeboat.jar", "lifeboat-hello.jsa");
        assertThat(Files.getLastModifiedTime(archive)).as("made again, after the new jar")
                .isGreaterThan(Files.getLastModifiedTime(jar));
        assertThat(launch("hello", "world", "0").out).contains("hello world from second").contains(SHARED);
    }

    @Test
    void aDamagedArchiveIsIgnored() throws Exception {
        build("first");
        launch("hello", "world", "0");
        awaitInTarget("the archive", "lifeboat.jar", "lifeboat-hello.jsa");
        byte[] whole = Files.readAllBytes(archive);
        // half of it, as a dump killed mid-write would have left it had it been written in place
        writeNewerThanJar(Arrays.copyOf(whole, whole.length / 2));
        Run half = launch("hello", "world", "0");
        assertThat(half.out).contains("hello world from first").contains(FROM_JAR);
        assertThat(half.status).isZero();

        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        writeNewerThanJar(garbage);
        Run damaged = launch("hello", "world", "0");
        assertThat(damaged.out).contains("hello world from first").contains(FROM_JAR);
        assertThat(damaged.status).isZero();
    }

    @Test
    void aRunStoppedBySignalMakesNoArchive() throws Exception {
        build("first");
        Process p = start("hello", "sleep", "0");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = out.readLine(); // the JVM's class loading lines, then the command's own
        } while (line != null && !line.equals("sleeping"));
        assertThat(line).as("the command under way").isEqualTo("sleeping");
        p.destroy(); // SIGTERM to the launcher, which passes it on to the JVM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // the launcher waits for its JVM, and would have started a dump before exiting: none was
        // started if no process of this project (whose paths all name root) is left
        assertThat(processesNaming(root)).as("no dump started").isEmpty();
        assertThat(leftInTarget()).as("no archive, nothing temporary").containsExactly("lifeboat.jar");
    }

    @Test
    void whatAKilledLauncherLeftIsRemovedOnceItsProcessHasEnded() throws Exception {
        build("first");
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        long gone = ended.pid();
        long alive = ProcessHandle.current().pid(); // a launcher still in its first run
        Path target = jar.getParent();
        for (String temp : List.of(".%d.classes", ".%d", ".%d.list")) {
            Files.writeString(target.resolve("lifeboat-hello.jsa" + temp.formatted(gone)), "left by a kill -9");
            Files.writeString(target.resolve("lifeboat-hello.jsa" + temp.formatted(alive)), "still being written");
        }
        Files.writeString(target.resolve("lifeboat-other.jsa." + gone), "another command's, left alone");
        Run first = launch("hello", "world", "0");
        assertThat(first.status).isZero();
        awaitInTarget("the stale temporaries removed", "lifeboat.jar", "lifeboat-hello.jsa",
                "lifeboat-hello.jsa." + alive + ".classes", "lifeboat-hello.jsa." + alive,
                "lifeboat-hello.jsa." + alive + ".list", "lifeboat-other.jsa." + gone);
    }

    /**
     * The dump held back (LIFEBOAT_DUMP_JAVA, a script that waits for a gate file before it runs
     * java): the launcher has ended with the command's status, and its output has been read to its
     * end (which comes only once every holder of the pipe has closed it, a dump's process too), while
     * the dump still waits; let go, it makes the archive, which the next run maps. (The launcher of
     * session 21 dumped before it exited: the archive was there as it ended.)
     */
    @Test
    void theLauncherEndsWithItsCommandAndTheArchiveComesAfter() throws Exception {
        build("first");
        Path gate = root.resolve("gate");
        Path slowJava = root.resolve("slow-java");
        Files.writeString(slowJava, """
                #!/bin/bash
                for i in $(seq 1 1200); do [ -e "%s" ] && exec java "$@"; sleep 0.1; done
                exit 1
                """.formatted(gate));
        assertThat(slowJava.toFile().setExecutable(true)).isTrue();
        Process p = startWith("", Map.of("LIFEBOAT_DUMP_JAVA", slowJava.toString()), "hello", "world", "4");
        String out = CompletableFuture.supplyAsync(() -> readAll(p)).get(90, TimeUnit.SECONDS);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        assertThat(out).contains("hello world from first");
        assertThat(p.exitValue()).as("the command's own exit status").isEqualTo(4);
        long dump = dumpPid(slowJava);
        awaitInTarget("the dump under way, the list taken under its own id", "lifeboat.jar",
                "lifeboat-hello.jsa." + dump + ".classes", "lifeboat-hello.jsa." + dump + ".list");

        Files.createFile(gate);
        awaitInTarget("the archive, made after the launcher ended", "lifeboat.jar", "lifeboat-hello.jsa");
        assertThat(launch("hello", "again", "0").out).contains("hello again from first").contains(SHARED);
    }

    /** A dump that fails (a java that writes part of the archive, then exits 1) leaves nothing; the next run tries again. */
    @Test
    void aFailedDumpLeavesNothing() throws Exception {
        build("first");
        Path failing = root.resolve("failing-java");
        Files.writeString(failing, """
                #!/bin/bash
                for a in "$@"; do case "$a" in -XX:SharedArchiveFile=*) echo part > "${a#*=}" ;; esac; done
                exit 1
                """);
        assertThat(failing.toFile().setExecutable(true)).isTrue();
        Process p = startWith("", Map.of("LIFEBOAT_DUMP_JAVA", failing.toString()), "hello", "world", "0");
        assertThat(readAll(p)).contains("hello world from first");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        awaitInTarget("no archive, nothing temporary", "lifeboat.jar");
        assertThat(processesNaming(failing)).isEmpty();

        assertThat(launch("hello", "again", "0").out).as("a first run again").contains(FROM_JAR);
        awaitInTarget("the archive", "lifeboat.jar", "lifeboat-hello.jsa");
    }

    /** Two first runs at once: two dumps, each under its own names; one whole archive is left, mapped next. */
    @Test
    void twoFirstRunsAtOnceLeaveOneWholeArchive() throws Exception {
        build("first");
        Process one = start("hello", "one", "0");
        Process two = start("hello", "two", "0");
        assertThat(readAll(one)).contains("hello one from first");
        assertThat(readAll(two)).contains("hello two from first");
        assertThat(one.waitFor(60, TimeUnit.SECONDS) && two.waitFor(60, TimeUnit.SECONDS)).isTrue();
        awaitInTarget("one archive, nothing temporary", "lifeboat.jar", "lifeboat-hello.jsa");
        assertThat(launch("hello", "again", "0").out).contains(SHARED);
    }

    /**
     * The launcher gives a one-shot pass's JVM the heap options of {@code once_pass_heap}, and not a
     * running agent's; a user's options that size the heap replace them (launch.sh's function is
     * tested in LauncherTest; this checks that the launcher passes what it prints to the JVM).
     */
    @Test
    void aOneShotPassStartsWithTheHeapOptionsUnlessTheUserSizesTheHeap() throws Exception {
        build("first");
        String once = launch("agent", "protect", "--once", "x").out;
        assertThat(once).contains("jvm options").contains("-XX:InitialRAMPercentage=6");
        String running = launch("agent", "protect", "--interval", "5m", "x").out;
        assertThat(running).contains("jvm options").doesNotContain("InitialRAMPercentage");
        String own = launchWith("-Xmx64m", "agent", "protect", "--once", "x").out;
        assertThat(own).contains("jvm options").contains("-Xmx64m").doesNotContain("InitialRAMPercentage");
    }

    private void writeNewerThanJar(byte[] bytes) throws IOException {
        Files.deleteIfExists(archive); // the launcher's archives are read-only
        Files.write(archive, bytes);
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
    }

    /** Waits (at most two minutes: a dump takes 1-4 s) until the jar's folder holds exactly {@code names}. */
    private void awaitInTarget(String what, String... names) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < end && !new HashSet<>(leftInTarget()).equals(Set.of(names))) {
            Thread.sleep(50);
        }
        assertThat(leftInTarget()).as(what).containsExactlyInAnyOrder(names);
    }

    /** The process id of the dump that runs {@code slowJava} (its script's own command line). */
    private static long dumpPid(Path slowJava) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < end) {
            Optional<ProcessHandle> script = processesNaming(slowJava).stream().findFirst();
            // the script's parent is the dump's bash, whose id names its temporary files
            Optional<Long> dump = script.flatMap(ProcessHandle::parent).map(ProcessHandle::pid);
            if (dump.isPresent()) {
                return dump.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no dump started");
    }

    /** The processes whose command line names {@code path}. */
    private static List<ProcessHandle> processesNaming(Path path) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(path.toString())).orElse(false))
                .toList();
    }

    private static String readAll(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> leftInTarget() throws IOException {
        try (Stream<Path> files = Files.list(jar.getParent())) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    /** The jar of one class, Hello (run as `lifeboat hello WORD STATUS`), whose greeting names {@code version}. */
    private void build(String version) throws Exception {
        Path src = Files.createDirectories(root.resolve("src-" + version)).resolve("Hello.java");
        Files.writeString(src, """
                public class Hello {
                    public static void main(String[] args) throws Exception {
                        if (args[0].equals("agent")) { // the options the launcher gave an agent's JVM
                            System.out.println("jvm options " + java.lang.management.ManagementFactory
                                    .getRuntimeMXBean().getInputArguments());
                            System.exit(0);
                        }
                        if (args[1].equals("sleep")) {
                            System.out.println("sleeping");
                            System.out.flush();
                            Thread.sleep(120_000);
                        }
                        System.out.println("hello " + args[1] + " from VERSION");
                        System.exit(Integer.parseInt(args[2]));
                    }
                }
                """.replace("VERSION", version));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "7", src.toString())).isZero();
        byte[] hello = Files.readAllBytes(src.resolveSibling("Hello.class"));
        // class-file version 49 (Java 5), as picocli's classes are: JDK 17's dynamic archive leaves
        // such classes out, a static one maps them (--release 7's 51 is the oldest javac writes; a
        // 49 class is checked by the old verifier, which reads no stack maps, so it runs the same)
        hello[6] = 0;
        hello[7] = 49;
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("Hello.class"));
            out.write(hello);
        }
    }

    private record Run(String out, int status) {}

    /** Runs the launcher with {@code args} (class loading logged to stdout) to its end. */
    private Run launch(String... args) throws Exception {
        return launchWith("", args);
    }

    /** {@link #launch(String...)} with {@code options} added to LIFEBOAT_JAVA_OPTS. */
    private Run launchWith(String options, String... args) throws Exception {
        Process p = startWith(options, Map.of(), args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Run(out, p.exitValue());
    }

    private Process start(String... args) throws IOException {
        return startWith("", Map.of(), args);
    }

    private Process startWith(String options, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("lifeboat").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LIFEBOAT_JAVA_OPTS", ("-Xlog:class+load=info " + options).strip());
        pb.environment().remove("LIFEBOAT_CDS");
        pb.environment().putAll(env);
        return pb.start();
    }
}
