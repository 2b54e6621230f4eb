package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources of any size: a point of a 4 TiB device naming 2^27 non-zero blocks commits and reads back
 * in a JVM whose heap (64 MiB) is a hundredth of its manifest (2^27 references of 37 bytes, 4.6 GiB):
 * so neither the commit nor the read holds the manifest, and no body or file caps its size. An
 * OutOfMemoryError fails it, however long it takes; there is no timing assertion.
 */
class ManifestScaleTest {
    @TempDir
    Path dir;

    @Test
    void aManifestOfTwoToTheTwentySevenBlocksCommitsAndReadsBackInASmallHeap() throws Exception {
        long refs = 1L << 27;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ManifestScaleWorker.class.getName(), dir.toString(), Long.toString(refs)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String[] ok = out.lines().filter(l -> l.startsWith("ok ")).findFirst().orElseThrow().split(" ");
        assertThat(Long.parseLong(ok[1])).isEqualTo(refs);
        assertThat(Integer.parseInt(ok[2])).as("chunks").isGreaterThan(1000);
        assertThat(Long.parseLong(ok[4])).as("the worker's heap").isLessThanOrEqualTo(64L << 20);
    }
}
