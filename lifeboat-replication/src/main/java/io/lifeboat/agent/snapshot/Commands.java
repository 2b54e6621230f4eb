package io.lifeboat.agent.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the programs a snapshot needs (cp, lvs, lvcreate, lvremove, the operator's scripts). An
 * interface so that a test can record the command lines a provider builds without running them.
 */
public interface Commands {
    /** Runs {@code argv} with {@code env} added to this process's environment and waits for it. */
    Result run(List<String> argv, Map<String, String> env);

    /**
     * What a program did.
     *
     * @param exitCode its exit status; -1 when it could not be started at all
     * @param stdout   its standard output
     * @param stderr   its standard error, or why it could not be started
     */
    record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** Its last non-blank line of standard error, or else of standard output: what it said went wrong. */
        public String reason() {
            for (String said : new String[] {lastLine(stderr), lastLine(stdout)}) {
                if (!said.isEmpty()) {
                    return said;
                }
            }
            return "exit status " + exitCode;
        }

        static String lastLine(String text) {
            String[] lines = text.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    /** Real processes: standard input closed, both outputs collected. */
    Commands SYSTEM = (argv, env) -> {
        Path err = null;
        try {
            err = Files.createTempFile("lifeboat-command", ".err");
            ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(
                    Path.of("/dev/null").toFile())).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            return new Result(code, out, Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "", "cannot run " + argv.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted while " + argv.get(0) + " ran");
        } finally {
            if (err != null) {
                try {
                    Files.deleteIfExists(err);
                } catch (IOException ignored) {
                    // a temporary file of a few bytes
                }
            }
        }
    };
}
