package io.lifeboat.repository;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The crash tests' process: a worker's {@code main} run in a JVM of its own on the tests' class path,
 * its output read line by line until the test says where to strike, then killed with SIGKILL (what
 * {@link Process#destroyForcibly} sends on Linux), so that nothing of the worker's runs after the line.
 */
final class KilledWorker {
    private KilledWorker() {
    }

    /**
     * Runs {@code worker} with {@code args} and hands each line it prints to {@code killAfter} until
     * that returns true or the output ends; then kills it and waits for it to be gone.
     *
     * @return the lines read, the last one included
     */
    static List<String> runUntil(Class<?> worker, Predicate<String> killAfter, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), worker.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (killAfter.test(line)) {
                    break;
                }
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        return lines;
    }
}
