package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.BlockId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The record a pass collects as it reads: each file's room grows with its blocks, and what it records is what comes out. */
class KnownBlocksRecorderTest {
    private static final int BLOCK = 32 * 1024;

    @Test
    void aOneBlockFileTakesRoomForOneBlockAndALargeOneGrowsWithItsBlocks() {
        KnownBlocks.Recorder r = new KnownBlocks.Recorder(BLOCK);
        r.block("small", 0, 700, fingerprint(1), id("small", 0));
        for (int i = 0; i < 100; i++) {
            r.block("large", i, BLOCK, fingerprint(i), id("large", i));
        }
        // a tree of 50,000 files holds one such record per file for the whole pass
        assertThat(r.room("small")).isEqualTo(1);
        assertThat(r.room("large")).isBetween(100, 128);
        assertThat(r.room("absent")).isZero();
    }

    @Test
    void anExpectedSizeIsRoomUpFrontUnlessItsRecordWouldTakeMoreThanAQuarterOfTheHeap() {
        KnownBlocks.Recorder r = new KnownBlocks.Recorder(BLOCK);
        r.expect("disk", 1000L * BLOCK - 5);
        r.block("disk", 3, BLOCK, fingerprint(3), id("disk", 3));
        assertThat(r.room("disk")).isEqualTo(1000);
        // a sparse disk this large written near its start: room for all of it would not fit, doubling does
        long blocks = Runtime.getRuntime().maxMemory() / KnownBlocks.PRESIZED_HEAP_SHARE / KnownBlocks.RECORD_BYTES_PER_BLOCK + 1;
        r.expect("huge", blocks * BLOCK);
        r.block("huge", 0, BLOCK, fingerprint(0), id("huge", 0));
        assertThat(r.room("huge")).isEqualTo(1);
    }

    @Test
    void theRecordHoldsEachBlockWhereItWasSetWhateverTheOrderAndGaps() {
        KnownBlocks.Recorder r = new KnownBlocks.Recorder(BLOCK);
        r.block("one", 0, 700, fingerprint(7), id("one", 0));
        r.block("gaps", 5, BLOCK, fingerprint(5), id("gaps", 5)); // blocks 0-4 all zeros: never recorded
        r.block("gaps", 2, BLOCK, fingerprint(2), id("gaps", 2));
        for (int i = 0; i < 70; i++) {
            r.block("many", i, i == 69 ? 123 : BLOCK, fingerprint(100 + i), id("many", i));
        }
        KnownBlocks k = r.toRecord("p1");

        KnownBlocks.File one = k.file("one");
        assertThat(one.blocks()).isEqualTo(1);
        assertThat(one.unchanged(0, 700, fingerprint(7))).isEqualTo(id("one", 0));
        assertThat(one.unchanged(0, 700, fingerprint(8))).isNull();

        KnownBlocks.File gaps = k.file("gaps");
        assertThat(gaps.blocks()).isEqualTo(6);
        assertThat(gaps.unchanged(2, BLOCK, fingerprint(2))).isEqualTo(id("gaps", 2));
        assertThat(gaps.unchanged(5, BLOCK, fingerprint(5))).isEqualTo(id("gaps", 5));
        assertThat(gaps.unchanged(3, BLOCK, fingerprint(3))).as("a zero block's place has no id").isNull();

        KnownBlocks.File many = k.file("many");
        assertThat(many.blocks()).as("trimmed to the blocks set, not the room").isEqualTo(70);
        for (int i = 0; i < 70; i++) {
            assertThat(many.id(i)).isEqualTo(id("many", i));
        }
        assertThat(many.unchanged(69, 123, fingerprint(169))).isEqualTo(id("many", 69));
    }

    private static BlockFingerprint.Fingerprint fingerprint(int i) {
        return new BlockFingerprint.Fingerprint(i * 31L + 1, ~i);
    }

    private static BlockId id(String file, int i) {
        return BlockId.of((file + "/" + i).getBytes(StandardCharsets.UTF_8));
    }
}
