package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A point's block filter, as bytes: it holds every block it was built from (a miss would release a
 * block a kept point names), its false positives stay near the rate its size promises (each one keeps
 * an unneeded block while the point is kept), and damaged bytes are refused naming the file.
 */
class BlockFilterTest {
    static final String WHERE = "manifests/db-1/20260101T000000Z-00";

    static List<BlockId> ids(long seed, int n) {
        Random r = new Random(seed);
        List<BlockId> out = new ArrayList<>(n);
        byte[] b = new byte[BlockId.BYTES];
        for (int i = 0; i < n; i++) {
            r.nextBytes(b);
            out.add(BlockId.fromBytes(b));
        }
        return out;
    }

    static BlockFilter filterOf(List<BlockId> ids) {
        BlockFilter.Collector c = new BlockFilter.Collector(new ManifestStore.Counting(NOTHING), null);
        ids.forEach(id -> c.block(id, 4096));
        return c.last();
    }

    static final ManifestVisitor NOTHING = new ManifestVisitor() {
        @Override
        public void entry(Entry header) {
        }

        @Override
        public void block(BlockId id, int length) {
        }

        @Override
        public void zeros(long count, int length) {
        }
    };

    @Test
    void holdsEveryBlockItWasBuiltFromAndFewOthers() {
        for (int n : new int[] {0, 1, 3, 1000, 100_000}) {
            List<BlockId> in = ids(n, n);
            BlockFilter f = BlockFilter.decode(filterOf(in).encode(), WHERE);
            assertThat(f.count()).isEqualTo(n);
            assertThat(in).as("%d blocks: each held", n).allMatch(f::mayHold);
            List<BlockId> out = ids(1_000_000 + n, 200_000);
            long falsePositives = out.stream().filter(f::mayHold).count();
            // 32 bits and 16 hashes a block promise about 3.3e-7: 0.07 of 200,000 expected
            assertThat(falsePositives).as("%d blocks: others held", n).isLessThanOrEqualTo(n == 0 ? 0 : 3);
        }
    }

    @Test
    void theCollectorPassesTheManifestOnUnchanged() {
        List<String> seen = new ArrayList<>();
        ManifestVisitor next = new ManifestVisitor() {
            @Override
            public void entry(Entry header) {
                seen.add("entry " + header.path());
            }

            @Override
            public void block(BlockId id, int length) {
                seen.add("block " + id.hex().substring(0, 8) + " " + length);
            }

            @Override
            public void zeros(long count, int length) {
                seen.add("zeros " + count + " " + length);
            }
        };
        BlockFilter.Collector c = new BlockFilter.Collector(next, null);
        List<BlockId> in = ids(7, 3);
        c.entry(new Entry("", EntryType.FILE, 0640, 0, 5 * 4096L, null, List.of()));
        c.block(in.get(0), 4096);
        c.zeros(2, 4096);
        c.block(in.get(1), 4096);
        c.block(in.get(1), 4096);
        assertThat(seen).containsExactly("entry ", "block " + in.get(0).hex().substring(0, 8) + " 4096", "zeros 2 4096",
                "block " + in.get(1).hex().substring(0, 8) + " 4096", "block " + in.get(1).hex().substring(0, 8) + " 4096");
        BlockFilter f = c.last();
        assertThat(f.count()).as("references, repeats included, as the point file counts them").isEqualTo(3);
        assertThat(f.mayHold(in.get(0)) && f.mayHold(in.get(1))).isTrue();
    }

    @Test
    void aFilterInTwoPartsHoldsTheBlocksOfEach() {
        List<BlockId> first = ids(17, 5000);
        List<BlockId> second = ids(18, 300);
        byte[] one = filterOf(first).encode();
        byte[] two = filterOf(second).encode();
        // the documented layout with two parts: the header (5,300 blocks, 2 parts), then each part
        ByteBuffer b = ByteBuffer.allocate(one.length + two.length - 18);
        b.put(one, 0, 6).putLong(5300).putInt(2).put(one, 18, one.length - 18).put(two, 18, two.length - 18);
        BlockFilter read = BlockFilter.decode(b.array(), WHERE);
        assertThat(read.count()).isEqualTo(5300);
        assertThat(first).as("the first part's blocks").allMatch(read::mayHold);
        assertThat(second).as("the second part's blocks").allMatch(read::mayHold);
        assertThat(BlockFilter.decode(read.encode(), WHERE)).isEqualTo(read);
        assertThat(ids(19, 200_000).stream().filter(read::mayHold).count()).as("others held").isLessThanOrEqualTo(3);
    }

    @Test
    void withoutAStoreAPointOfMoreThanOnePartGetsNone() {
        BlockFilter.Collector c = new BlockFilter.Collector(NOTHING, null);
        List<BlockId> some = ids(20, 1000);
        for (int i = 0; i < BlockFilter.PART_BLOCKS; i++) {
            c.block(some.get(i % 1000), 4096);
        }
        assertThat(c.last()).as("at the bound").isNotNull();
        c.block(some.get(0), 4096);
        assertThat(c.last()).as("past it: the point's manifest is read instead").isNull();
        assertThat(c.finish()).isEmpty();
    }

    @Test
    void eachPartIsStoredAsItFillsAndTheLastAtTheEnd() {
        List<byte[]> files = new ArrayList<>();
        BlockFilter.Collector c = new BlockFilter.Collector(NOTHING, bytes -> {
            files.add(bytes);
            return "part-" + files.size();
        });
        List<BlockId> some = ids(21, 1000);
        List<BlockId> onlyLast = ids(22, 5);
        for (int i = 0; i < 2 * BlockFilter.PART_BLOCKS; i++) {
            c.block(some.get(i % 1000), 4096);
            if (i == BlockFilter.PART_BLOCKS) {
                assertThat(files).as("the first part, stored as the next block came").hasSize(1);
            }
        }
        onlyLast.forEach(id -> c.block(id, 4096));
        assertThat(files).as("two full parts stored as they filled").hasSize(2);
        assertThat(c.finish()).containsExactly("part-1", "part-2", "part-3");
        List<BlockFilter> parts = files.stream().map(f -> BlockFilter.decode(f, WHERE)).toList();
        assertThat(parts).extracting(BlockFilter::count).containsExactly((long) BlockFilter.PART_BLOCKS,
                (long) BlockFilter.PART_BLOCKS, 5L);
        assertThat(some).as("the first parts hold the blocks they were built of").allMatch(parts.get(0)::mayHold)
                .allMatch(parts.get(1)::mayHold);
        assertThat(onlyLast).as("only the last part holds the last blocks").allMatch(parts.get(2)::mayHold)
                .noneMatch(parts.get(0)::mayHold);
        BlockFilter whole = BlockFilter.joined(parts);
        assertThat(whole.count()).isEqualTo(2L * BlockFilter.PART_BLOCKS + 5);
        assertThat(onlyLast).as("the parts joined").allMatch(whole::mayHold);
    }

    @Test
    void aPartThatCannotBeStoredLeavesThePointWithoutAFilter() {
        BlockFilter.Collector c = new BlockFilter.Collector(NOTHING, bytes -> {
            throw new java.io.IOException("disk full");
        });
        List<BlockId> some = ids(23, 10);
        for (int i = 0; i <= BlockFilter.PART_BLOCKS; i++) {
            c.block(some.get(i % 10), 4096);
        }
        assertThat(c.last()).isNull();
        assertThat(c.finish()).isEmpty();
    }

    @Test
    void theLayoutIsAsDocumented() {
        List<BlockId> in = ids(11, 100);
        byte[] bytes = filterOf(in).encode();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertThat(b.getInt()).as("magic LBBF").isEqualTo(0x4C424246);
        assertThat(b.get()).as("version").isEqualTo((byte) 1);
        assertThat(b.get()).as("hashes").isEqualTo((byte) BlockFilter.HASHES);
        assertThat(b.getLong()).as("blocks").isEqualTo(100);
        assertThat(b.getInt()).as("parts").isEqualTo(1);
        assertThat(b.getLong()).as("bits: 32 a block, whole longs").isEqualTo(3200);
        assertThat(bytes).hasSize(18 + 8 + 3200 / 8);
        // the bits of the first block, as the format document says they are chosen
        long h = ByteBuffer.wrap(in.get(0).toBytes()).getLong();
        long z = h * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        long g = (z ^ (z >>> 31)) | 1;
        for (int i = 0; i < BlockFilter.HASHES; i++) {
            long bit = Long.remainderUnsigned(h + i * g, 3200);
            assertThat(b.getLong(26 + (int) (bit / 64) * 8) & (1L << (bit % 64))).as("bit %d", bit).isNotZero();
        }
        assertThat(BlockFilter.decode(bytes, WHERE)).isEqualTo(filterOf(in));
        assertThat(filterOf(ids(12, 3)).encode()).as("a filter of few blocks: the fewest bits").hasSize(18 + 8 + 1024 / 8);
    }

    @Test
    void damagedBytesAreRefusedNamingTheFile() {
        byte[] good = filterOf(ids(13, 50)).encode();
        for (int cut : new int[] {0, 5, 17, 18, 25, 26, good.length - 1}) {
            assertThatThrownBy(() -> BlockFilter.decode(Arrays.copyOf(good, cut), WHERE))
                    .as("cut at %d", cut).isInstanceOf(IntegrityException.class).hasMessageContaining(WHERE);
        }
        assertThatThrownBy(() -> BlockFilter.decode(Arrays.copyOf(good, good.length + 8), WHERE))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("after its last part");
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> BlockFilter.decode(magic, WHERE)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("LBBF");
        byte[] version = good.clone();
        version[4] = 2;
        assertThatThrownBy(() -> BlockFilter.decode(version, WHERE)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("version 2");
        byte[] hashes = good.clone();
        hashes[5] = 0;
        assertThatThrownBy(() -> BlockFilter.decode(hashes, WHERE)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("hashes 0");
        byte[] parts = good.clone();
        parts[17] = 2; // a second part that is not there
        assertThatThrownBy(() -> BlockFilter.decode(parts, WHERE)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("part 1");
        byte[] bits = good.clone();
        bits[25] ^= 1; // bits no longer a multiple of 64
        assertThatThrownBy(() -> BlockFilter.decode(bits, WHERE)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("part 0");
    }
}
