package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a scale test's worker in a JVM of its own with a 64 MiB heap (the serial collector, so the
 * heap is what it says), so that holding what the worker must not hold fails it with an
 * OutOfMemoryError. The worker prints a line {@code ok ...} with its figures when it is done.
 */
final class SmallHeapWorker {
    static final long HEAP = 64L << 20;

    private SmallHeapWorker() {
    }

    /** Runs {@code worker}'s main with {@code args}; the fields of its {@code ok} line, "ok" first. */
    static String[] run(Class<?> worker, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), worker.getName());
        pb.command().addAll(List.of(args));
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        System.out.println(out);
        return out.lines().filter(l -> l.startsWith("ok ")).findFirst().orElseThrow().split(" ");
    }
}
