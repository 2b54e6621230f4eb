package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault's heap does not grow with the blocks it stores: 2^18 distinct blocks, each owned by two
 * machines, are stored, asked for, reloaded from disk at a reopen and pruned in a JVM of 64 MiB. With
 * the index and ownership in the heap (about 270 bytes per stored block before {@link BlockTable}) that is
 * 68 MiB besides the 8-10 MiB the JVM and libraries take, and fails with an OutOfMemoryError. No
 * timing assertion: only memory. (2^19 blocks until 2026-12-06: twice the time for the same proof.)
 */
class BlockScaleTest {
    @TempDir
    Path dir;

    @Test
    void aQuarterMillionBlocksOfTwoMachinesFitInASixtyFourMebibyteHeap() throws Exception {
        long blocks = 1L << 18;
        String[] ok = SmallHeapWorker.run(BlockScaleWorker.class, dir.toString(), Long.toString(blocks));
        assertThat(Long.parseLong(ok[1])).isEqualTo(blocks);
        assertThat(Long.parseLong(ok[3])).as("the worker's heap").isLessThanOrEqualTo(SmallHeapWorker.HEAP);
        // the heap after a collection (some 8-10 MiB of it the JVM and libraries) is far below the 68 MiB
        // that 272 bytes a block took before: under 16 MiB in all
        assertThat(Long.parseLong(ok[2])).as("heap used with %d blocks", blocks).isLessThan(16L << 20);
        assertThat(Long.parseLong(ok[4])).as("the index table's file").isGreaterThanOrEqualTo(blocks * BlockTable.SLOT);
    }
}
