package io.lifeboat.cli.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the CLI ({@code io.lifeboat.cli.Main}) as a real child JVM with the test class path, captures
 * stdout and stderr, waits for a line or a file, and always kills the process in {@link #close}.
 *
 * <pre>{@code
 * try (LifeboatProcess vault = LifeboatProcess.start("vault", "serve", "--dir", dir.toString())) {
 *     vault.waitForStdout(l -> l.startsWith("vault: listening on"), Duration.ofSeconds(30));
 * }
 * LifeboatProcess.Result r = LifeboatProcess.run(Duration.ofSeconds(60), "vault", "enroll", ...);
 * }</pre>
 */
public final class LifeboatProcess implements AutoCloseable {
    private final Process process;
    private final List<String> args;
    private final Output stdout;
    private final Output stderr;

    /** What a finished run printed, and its exit code. */
    public record Result(int exitCode, String stdout, String stderr) {
        public List<String> stdoutLines() {
            return stdout.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private LifeboatProcess(Process process, List<String> args) {
        this.process = process;
        this.args = args;
        this.stdout = new Output(process.getInputStream(), "stdout");
        this.stderr = new Output(process.getErrorStream(), "stderr");
    }

    public static LifeboatProcess start(String... args) {
        return start(Map.of(), args);
    }

    /** @param env extra environment variables for the child */
    public static LifeboatProcess start(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        if (!hashesInBulk(args)) {
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        cmd.add("-Xshare:auto");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.lifeboat.cli.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> childEnv = new HashMap<>(env);
        pb.environment().putAll(childEnv);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            return new LifeboatProcess(pb.start(), List.of(args));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    /**
     * Whether the command hashes blocks in bulk (an agent's pass, the vault checking uploads, a
     * failover or a verify re-hashing every block): those get the C2 compiler, as the {@code lifeboat}
     * launcher gives them. C1 alone has no SHA-256 intrinsic (about 60 MB/s against 1-2 GB/s with
     * the CPU's SHA extensions), which made the tests that move hundreds of MiB spend most of their
     * time hashing; every other command starts quicker with C1 alone.
     */
    static boolean hashesInBulk(String... args) {
        String command = String.join(" ", List.of(args).subList(0, Math.min(2, args.length)));
        return command.equals("agent protect") || command.equals("vault serve") || command.startsWith("failover")
                || command.startsWith("verify") || command.equals("plan run") || command.startsWith("quickstart");
    }

    /** Runs to completion (killing it after {@code timeout}). */
    public static Result run(Duration timeout, String... args) {
        return run(Map.of(), timeout, args);
    }

    public static Result run(Map<String, String> env, Duration timeout, String... args) {
        try (LifeboatProcess p = start(env, args)) {
            int code = p.waitFor(timeout);
            return new Result(code, p.stdout(), p.stderr());
        }
    }

    /** Waits for the exit and returns the exit code; kills the process and fails after {@code timeout}. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("lifeboat " + String.join(" ", args) + " did not finish within " + timeout
                        + "\n--- stdout\n" + stdout() + "--- stderr\n" + stderr());
            }
            stdout.join();
            stderr.join();
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Sends SIGTERM and waits for the exit; returns the exit code. */
    public int terminate(Duration timeout) {
        process.destroy();
        return waitFor(timeout);
    }

    public String waitForStdout(Predicate<String> line, Duration timeout) {
        return stdout.await(line, timeout, this);
    }

    public String waitForStderr(Predicate<String> line, Duration timeout) {
        return stderr.await(line, timeout, this);
    }

    /** Waits until {@code file} exists and is not empty; returns its text. */
    public String waitForFile(Path file, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.isRegularFile(file) && Files.size(file) > 0) {
                    return Files.readString(file, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                // not there yet
            }
            if (!process.isAlive()) {
                throw new AssertionError("lifeboat " + String.join(" ", args) + " exited with " + process.exitValue()
                        + " before " + file + " appeared\n--- stdout\n" + stdout() + "--- stderr\n" + stderr());
            }
            sleep(25);
        }
        throw new AssertionError(file + " did not appear within " + timeout + "\n--- stdout\n" + stdout()
                + "--- stderr\n" + stderr());
    }

    public String stdout() {
        return stdout.text();
    }

    public String stderr() {
        return stderr.text();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the process (and its descendants) forcibly and waits for it. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** One output stream, read line by line on its own thread. */
    private static final class Output {
        private final StringBuilder text = new StringBuilder();
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;

        Output(InputStream in, String name) {
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = r.readLine()) != null) {
                        synchronized (this) {
                            lines.add(l);
                            text.append(l).append('\n');
                            notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process went away
                }
            }, "lifeboat-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        synchronized String text() {
            return text.toString();
        }

        String await(Predicate<String> match, Duration timeout, LifeboatProcess p) {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (this) {
                int seen = 0;
                while (true) {
                    for (; seen < lines.size(); seen++) {
                        if (match.test(lines.get(seen))) {
                            return lines.get(seen);
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || (!reader.isAlive() && seen == lines.size())) {
                        throw new AssertionError("no matching line from lifeboat " + String.join(" ", p.args)
                                + (left <= 0 ? " within " + timeout : " before it exited") + "\n--- stdout\n"
                                + p.stdout() + "--- stderr\n" + p.stderr());
                    }
                    try {
                        wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 200));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError("interrupted", e);
                    }
                }
            }
        }

        void join() throws InterruptedException {
            reader.join(5000);
        }
    }
}
