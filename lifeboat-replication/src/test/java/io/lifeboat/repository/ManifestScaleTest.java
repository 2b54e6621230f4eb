package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources of any size: a point of a 1 TiB device naming 2^25 non-zero blocks commits and reads back
 * in a JVM whose heap (64 MiB) is a twentieth of its manifest (2^25 references of 37 bytes, 1.2 GiB):
 * so neither the commit nor the read holds the manifest, and no body or file caps its size. An
 * OutOfMemoryError fails it, however long it takes; there is no timing assertion. (2^27 references,
 * a hundred heaps, until 2026-12-06: four times the time for the same proof, since holding even a
 * twentieth of the manifest's references would not fit.) The point gets its block filter in parts of
 * {@link BlockFilter#PART_BLOCKS} references, each stored as it fills (the parts together, 128 MiB,
 * would not fit the heap either), and they read back one at a time.
 */
class ManifestScaleTest {
    @TempDir
    Path dir;

    @Test
    void aManifestOfTwoToTheTwentyFiveBlocksCommitsAndReadsBackInASmallHeap() throws Exception {
        long refs = 1L << 25;
        String[] ok = SmallHeapWorker.run(ManifestScaleWorker.class, dir.toString(), Long.toString(refs));
        assertThat(Long.parseLong(ok[1])).isEqualTo(refs);
        assertThat(Integer.parseInt(ok[2])).as("chunks").isGreaterThan(250);
        assertThat(Long.parseLong(ok[4])).as("the worker's heap").isLessThanOrEqualTo(SmallHeapWorker.HEAP);
        assertThat(Integer.parseInt(ok[5])).as("block filter parts").isEqualTo((int) (refs / BlockFilter.PART_BLOCKS));
    }
}
