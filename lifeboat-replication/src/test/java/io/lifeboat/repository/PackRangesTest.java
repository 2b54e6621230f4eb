package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PackRangesTest {
    static Pack.Location at(String pack, long offset, int stored) {
        return new Pack.Location(pack, offset, stored, stored, BlockEncoding.RAW);
    }

    /** Records of {@code stored} bytes laid end to end in {@code pack} from offset 8 (after the magic). */
    static Pack.Location[] adjacent(String pack, int count, int stored) {
        Pack.Location[] out = new Pack.Location[count];
        for (int i = 0; i < count; i++) {
            out[i] = at(pack, 8 + (long) i * (Pack.HEADER + stored), stored);
        }
        return out;
    }

    @Test
    void adjacentRecordsOfOnePackAreOneRangeUpToTheLimit() {
        Pack.Location[] locs = adjacent("p", 100, 32 << 10);
        List<PackRanges.Range> ranges = PackRanges.plan(locs);
        int perRange = PackRanges.MAX_RANGE / (Pack.HEADER + (32 << 10));
        assertThat(ranges).hasSize((100 + perRange - 1) / perRange);
        assertThat(ranges.get(0).offset()).isEqualTo(8);
        assertThat(ranges.get(0).length()).isEqualTo(perRange * (Pack.HEADER + (32 << 10))).isLessThanOrEqualTo(PackRanges.MAX_RANGE);
        assertThat(ranges.stream().mapToInt(r -> r.members().length).sum()).isEqualTo(100);
        assertThat(ranges.get(1).members()[0]).isEqualTo(perRange);
    }

    @Test
    void packsAndFarApartRecordsAreRangesOfTheirOwnAndEveryBlockIsInOne() {
        Pack.Location[] locs = {
            at("b", 8, 100), // index 0
            at("a", 8 + 141 + 50 + 141 + PackRanges.MAX_GAP + 1, 100), // index 1: too far after index 3
            at("a", 8, 100), // index 2
            at("a", 8 + 141 + 50, 100), // index 3: a gap of 50 bytes after index 2, read and dropped
            at("a", 8, 100), // index 4: the same block twice in a run
        };
        List<PackRanges.Range> ranges = PackRanges.plan(locs);
        assertThat(ranges).hasSize(3);
        PackRanges.Range first = ranges.get(0);
        assertThat(first.pack()).isEqualTo("a");
        assertThat(first.offset()).isEqualTo(8);
        assertThat(first.length()).isEqualTo(141 + 50 + 141);
        assertThat(first.members()).containsExactlyInAnyOrder(2, 4, 3);
        assertThat(ranges.get(1).members()).containsExactly(1);
        assertThat(ranges.get(2).pack()).isEqualTo("b");
        assertThat(ranges.get(2).members()).containsExactly(0);
    }

    @Test
    void aRecordLargerThanTheLimitIsOneRangeOfItsOwn() {
        Pack.Location[] locs = {at("p", 8, 4 << 20), at("p", 8 + Pack.HEADER + (4 << 20), 10)};
        List<PackRanges.Range> ranges = PackRanges.plan(locs);
        assertThat(ranges).extracting(PackRanges.Range::length).containsExactly(Pack.HEADER + (4 << 20), Pack.HEADER + 10);
    }
}
