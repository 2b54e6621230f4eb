package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapped table by itself: entries in and out, collisions, growth and tombstones, its file. */
class BlockTableTest {
    @TempDir
    Path dir;

    private static BlockId id(long a, long d) {
        return BlockId.ofWords(a, 7, 11, d);
    }

    private static BlockTable.Value v(long x) {
        return new BlockTable.Value(x, -x, x * 3);
    }

    @Test
    void storesLooksUpReplacesAndRemoves() {
        try (BlockTable t = BlockTable.create(dir, "t")) {
            BlockId a = id(1, 1);
            assertThat(t.get(a)).isNull();
            t.put(a, v(5));
            assertThat(t.get(a)).isEqualTo(v(5));
            t.put(a, v(6));
            assertThat(t.get(a)).isEqualTo(v(6));
            assertThat(t.size()).isEqualTo(1);
            t.merge(a, v(9), (old, given) -> old); // putIfAbsent keeps the old value
            assertThat(t.get(a)).isEqualTo(v(6));
            t.remove(a);
            assertThat(t.get(a)).isNull();
            assertThat(t.contains(a)).isFalse();
            assertThat(t.size()).isZero();
        }
    }

    @Test
    void idsThatShareTheirFirstWordAllLandInOneProbeChainAndStayApart() {
        try (BlockTable t = BlockTable.create(dir, "t")) {
            for (int i = 0; i < 500; i++) {
                t.put(id(42, i), v(i)); // one home slot for all: the chain is 500 long
            }
            for (int i = 0; i < 500; i++) {
                assertThat(t.get(id(42, i))).isEqualTo(v(i));
            }
            // removing from the middle of the chain must not cut off the entries behind it
            for (int i = 0; i < 500; i += 2) {
                t.remove(id(42, i));
            }
            for (int i = 0; i < 500; i++) {
                assertThat(t.get(id(42, i))).isEqualTo(i % 2 == 0 ? null : v(i));
            }
            assertThat(t.size()).isEqualTo(250);
        }
    }

    @Test
    void growsByRehashAndKeepsEveryEntry() {
        Random rnd = new Random(1);
        Map<BlockId, BlockTable.Value> expected = new HashMap<>();
        try (BlockTable t = BlockTable.create(dir, "t")) {
            long first = t.fileBytes();
            for (int i = 0; i < 100_000; i++) {
                BlockId k = id(rnd.nextLong(), rnd.nextLong());
                expected.put(k, v(i));
                t.put(k, v(i));
            }
            assertThat(t.fileBytes()).isGreaterThan(first);
            assertThat(t.size()).isEqualTo(expected.size());
            expected.forEach((k, val) -> assertThat(t.get(k)).isEqualTo(val));
            Map<BlockId, BlockTable.Value> seen = new HashMap<>();
            t.forEach(seen::put);
            assertThat(seen).isEqualTo(expected);
        }
    }

    @Test
    void tombstonesAreReclaimedWithoutGrowingForever() {
        try (BlockTable t = BlockTable.create(dir, "t")) {
            for (int i = 0; i < 300; i++) {
                t.put(id(i, i), v(i));
            }
            long bytes = t.fileBytes();
            for (int round = 0; round < 50; round++) {
                // the same 300 live entries of 1,024 slots, new ones each round: only tombstones accumulate,
                // and a rehash at the same size clears them
                int base = 1000 + round * 300;
                t.removeIf((k, val) -> true);
                for (int i = 0; i < 300; i++) {
                    t.put(id(base + i, i), v(i));
                }
            }
            assertThat(t.size()).isEqualTo(300);
            assertThat(t.fileBytes()).isEqualTo(bytes);
            assertThat(t.get(id(1000 + 49 * 300 + 5, 5))).isEqualTo(v(5));
        }
    }

    @Test
    void removeIfRemovesExactlyWhatItIsTold() {
        try (BlockTable t = BlockTable.create(dir, "t")) {
            for (int i = 0; i < 3000; i++) {
                t.put(id(i, 0), v(i));
            }
            t.removeIf((k, val) -> val.v0() % 3 == 0);
            List<Long> left = new ArrayList<>();
            t.forEach((k, val) -> left.add(val.v0()));
            assertThat(left).hasSize(2000).allMatch(x -> x % 3 != 0);
        }
    }

    @Test
    void clearEmptiesAndTheTableStaysUsable() {
        try (BlockTable t = BlockTable.create(dir, "t")) {
            for (int i = 0; i < 5000; i++) {
                t.put(id(i, 1), v(i));
            }
            t.clear();
            assertThat(t.size()).isZero();
            assertThat(t.get(id(3, 1))).isNull();
            t.put(id(3, 1), v(3));
            assertThat(t.get(id(3, 1))).isEqualTo(v(3));
        }
    }

    @Test
    void leavesNoFileBehindAndRefusesUseAfterClose() throws Exception {
        BlockTable t = BlockTable.create(dir, "t");
        for (int i = 0; i < 5000; i++) {
            t.put(id(i, 1), v(i)); // grows: several files made
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("the table's files are unlinked once mapped").isEmpty();
        }
        t.close();
        assertThatThrownBy(() -> t.get(id(1, 1))).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void concurrentWritersAndReadersAcrossGrowthLoseAndCorruptNothing() throws Exception {
        int writers = 4;
        int each = 20_000;
        try (BlockTable t = BlockTable.create(dir, "t")) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers + 2);
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            List<java.util.concurrent.Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int from = w * each;
                jobs.add(pool.submit(() -> {
                    for (int i = from; i < from + each; i++) {
                        t.put(id(i * 31L, i), v(i)); // grows many times while the others work
                    }
                }));
            }
            List<java.util.concurrent.Future<Long>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    long seen = 0;
                    Random rnd = new Random();
                    while (!done.get()) {
                        int i = rnd.nextInt(writers * each);
                        BlockTable.Value got = t.get(id(i * 31L, i));
                        if (got != null) {
                            assertThat(got).isEqualTo(v(i)); // whole or absent, never torn
                            seen++;
                        }
                    }
                    return seen;
                }));
            }
            for (java.util.concurrent.Future<?> j : jobs) {
                j.get();
            }
            done.set(true);
            for (java.util.concurrent.Future<Long> r : readers) {
                r.get();
            }
            pool.shutdown();
            assertThat(t.size()).isEqualTo((long) writers * each);
            for (int i = 0; i < writers * each; i++) {
                assertThat(t.get(id(i * 31L, i))).isEqualTo(v(i));
            }
        }
    }

    @Test
    void aFolderThatCannotHoldTheFileIsNamed() throws Exception {
        Path file = Files.createFile(dir.resolve("not-a-folder"));
        assertThatThrownBy(() -> BlockTable.create(file, "idx"))
                .hasMessageContaining("block table idx").hasMessageContaining(file.toString());
    }
    /** Ids and values packed as {@link BlockTable#insertAll} takes them. */
    private static void insertAll(BlockTable t, List<BlockId> ids, List<BlockTable.Value> values, boolean replace) {
        long[] words = new long[4 * ids.size()];
        long[] vs = new long[3 * ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            for (int w = 0; w < 4; w++) {
                words[4 * i + w] = ids.get(i).word(w);
            }
            vs[3 * i] = values.get(i).v0();
            vs[3 * i + 1] = values.get(i).v1();
            vs[3 * i + 2] = values.get(i).v2();
        }
        t.insertAll(words, vs, ids.size(), replace);
    }

    @Test
    void insertAllAgreesWithAMapThroughGrowthTombstonesAndDuplicates() {
        Random r = new Random(5);
        Map<BlockId, BlockTable.Value> model = new HashMap<>();
        try (BlockTable t = BlockTable.create(dir, "bulk")) {
            for (int round = 0; round < 40; round++) {
                boolean replace = round % 3 == 0;
                List<BlockId> ids = new ArrayList<>();
                List<BlockTable.Value> values = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    // few distinct first words: long probe runs; repeats within and across batches
                    BlockId id = id(r.nextInt(64), r.nextInt(4000));
                    BlockTable.Value v = v(r.nextInt(1_000_000) + 1);
                    ids.add(id);
                    values.add(v);
                    if (replace) {
                        model.put(id, v);
                    } else {
                        model.putIfAbsent(id, v);
                    }
                }
                insertAll(t, ids, values, replace);
                for (int i = 0; i < 100; i++) { // and tombstones between the batches
                    BlockId gone = id(r.nextInt(64), r.nextInt(4000));
                    t.remove(gone);
                    model.remove(gone);
                }
                assertThat(t.size()).isEqualTo(model.size());
            }
            model.forEach((id, v) -> assertThat(t.get(id)).isEqualTo(v));
            Map<BlockId, BlockTable.Value> all = new HashMap<>();
            t.forEach(all::put);
            assertThat(all).isEqualTo(model);
        }
    }

    @Test
    void reserveGrowsOnceSoThatTheEntriesFitWithoutAnotherRehash() {
        try (BlockTable t = BlockTable.create(dir, "sized")) {
            t.put(id(1, 1), v(1));
            t.reserve(100_000);
            long bytes = t.fileBytes();
            assertThat(bytes).isEqualTo(BlockTable.SLOT * 262_144L); // the least power of two above 4/3 of the entries
            List<BlockId> ids = new ArrayList<>();
            List<BlockTable.Value> values = new ArrayList<>();
            for (int i = 2; i <= 100_000; i++) {
                ids.add(id(i * 7919L, i));
                values.add(v(i));
            }
            insertAll(t, ids, values, false);
            assertThat(t.fileBytes()).as("no growth after the reserve").isEqualTo(bytes);
            assertThat(t.size()).isEqualTo(100_000);
            assertThat(t.get(id(1, 1))).isEqualTo(v(1));
            assertThat(t.get(id(50_000 * 7919L, 50_000))).isEqualTo(v(50_000));
            t.reserve(10);
            assertThat(t.fileBytes()).as("a reserve that fits changes nothing").isEqualTo(bytes);
        }
    }
}
