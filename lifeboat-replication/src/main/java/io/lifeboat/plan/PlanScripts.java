package io.lifeboat.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Runs a plan's scripts. {@link #SHELL} runs each as {@code /bin/sh -c COMMAND} with the plan's
 * variables added to the environment, waits for it, and keeps the last lines of its output for the
 * report. A script's exit status other than 0 fails the step.
 */
@FunctionalInterface
public interface PlanScripts {
    /** How a script ended: its exit status and the last line it printed (empty when none). */
    record Outcome(int exitStatus, String lastLine) {
    }

    Outcome run(String command, Map<String, String> env);

    PlanScripts SHELL = (command, env) -> {
        ProcessBuilder pb = new ProcessBuilder(List.of("/bin/sh", "-c", command)).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            int status = p.waitFor();
            List<String> lines = out.lines().toList();
            return new Outcome(status, lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        } catch (IOException e) {
            return new Outcome(127, "cannot start /bin/sh: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(130, "interrupted");
        }
    };
}
