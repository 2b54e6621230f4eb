package io.lifeboat.repository;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A hash table from {@link BlockId} to three longs whose slots live in a memory-mapped file, not in the
 * Java heap: the vault's block index and each machine's ownership ({@link BlockStore}). The heap holds
 * the table's few fields; the slots are pages of the operating system's cache, which it writes to the
 * file and drops under memory pressure. So the vault's heap does not grow with the blocks it stores.
 *
 * <p>Structure: open addressing with linear probing over a power-of-two number of 64-byte slots
 * ({@code state | id (32 bytes) | v0 | v1 | v2}), mapped in segments of at most 1 GiB (a Java mapping is
 * at most 2 GiB). The home slot is a seeded mix of the id's first word: ids are SHA-256 values, but an
 * uploader who can choose blocks could still aim many at one slot by their low bits; a random seed per
 * table takes that aim away. A removal leaves a tombstone; when full and removed slots pass three
 * quarters of the table it is rehashed into a new file of twice the size (or the same size when mostly
 * tombstones), and the old file is unmapped.
 *
 * <p>Crash behaviour: none needed. The file is derived data, built from {@code index/} and
 * {@code machines/} at every open, in a {@link ScratchMapping}: unlinked right after it is mapped, so a
 * process killed at any moment leaves nothing behind and a table is never read by another process or a
 * later open. It is never fsynced.
 *
 * <p>Concurrency: one read/write lock per table; lookups and iteration share it, changes take it alone.
 * A callback of {@link #forEach} must not change the same table (it would wait for itself).
 *
 * <p>What it does <em>not</em> do: persist across restarts (an open reads every index and ownership file,
 * as before); bound the disk it uses (64 bytes per slot, 85 to 170 bytes per entry); shrink.
 */
final class BlockTable implements Closeable {
    /** The three values of an entry. */
    record Value(long v0, long v1, long v2) {
    }

    /** How a {@link #merge} combines an existing value with a new one. */
    interface Merge {
        Value apply(Value old, Value given);
    }

    /** Visits an entry; see {@link #forEach}. */
    interface Visitor {
        void visit(BlockId id, Value value);
    }

    /** Decides whether {@link #removeIf} removes an entry. */
    interface Test {
        boolean remove(BlockId id, Value value);
    }

    static final int SLOT = 64;
    private static final int SEGMENT_SLOTS = 1 << 24; // 1 GiB of 64-byte slots
    private static final long EMPTY = 0;
    private static final long FULL = 1;
    private static final long REMOVED = 2;
    private static final int MIN_SLOTS = 1 << 10;
    private static final SecureRandom SEEDS = new SecureRandom();

    private final Path dir;
    private final String name;
    private final long seed = SEEDS.nextLong();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private MappedByteBuffer[] segments;
    private long slots;
    private long mask;
    private long size;
    private long used; // full and removed slots: what probing walks over

    private BlockTable(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    /**
     * A new, empty table whose file is made in {@code dir}; {@code name} appears in its file name and errors.
     *
     * @throws UncheckedIOException when the file cannot be made or mapped (names the folder)
     */
    static BlockTable create(Path dir, String name) {
        BlockTable t = new BlockTable(dir, name);
        t.allocate(MIN_SLOTS);
        return t;
    }

    long size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Bytes of the table's file: its cost on disk and, while used, in the page cache. */
    long fileBytes() {
        lock.readLock().lock();
        try {
            return slots * SLOT;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The entry's value, or null. */
    Value get(BlockId id) {
        lock.readLock().lock();
        try {
            long s = find(id);
            return s < 0 ? null : value(s);
        } finally {
            lock.readLock().unlock();
        }
    }

    boolean contains(BlockId id) {
        lock.readLock().lock();
        try {
            return find(id) >= 0;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Sets the entry's value, replacing any. */
    void put(BlockId id, Value v) {
        merge(id, v, (old, given) -> given);
    }

    /**
     * Sets the entry to {@code given} when absent, else to {@code how.apply(old, given)}; a null result
     * removes the entry.
     */
    void merge(BlockId id, Value given, Merge how) {
        lock.writeLock().lock();
        try {
            long s = find(id);
            if (s >= 0) {
                Value v = how.apply(value(s), given);
                if (v == null) {
                    removeAt(s);
                } else {
                    write(s, id, v);
                }
                return;
            }
            if (given == null) {
                return;
            }
            if ((used + 1) * 4 > slots * 3) {
                rehash();
            }
            long at = home(id);
            while (state(at) == FULL) {
                at = (at + 1) & mask;
            }
            if (state(at) == EMPTY) {
                used++;
            }
            write(at, id, given);
            size++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Inserts {@code n} entries under one hold of the lock, without an object per entry: entry
     * {@code i}'s id is {@code words[4i..4i+3]} (big-endian words, as {@link BlockId#word}), its value
     * {@code values[3i..3i+2]}. An id already present keeps its value unless {@code replace}. Grows the
     * table once, up front, to hold them all: a vault's open inserts whole packs of entries.
     */
    void insertAll(long[] words, long[] values, int n, boolean replace) {
        lock.writeLock().lock();
        try {
            reserveLocked(used + n);
            for (int i = 0; i < n; i++) {
                long a = words[4 * i];
                long b = words[4 * i + 1];
                long c = words[4 * i + 2];
                long d = words[4 * i + 3];
                long s = home(a);
                while (true) {
                    long st = state(s);
                    if (st == EMPTY) {
                        used++;
                        break;
                    }
                    if (st == FULL && sameId(s, a, b, c, d)) {
                        break;
                    }
                    s = (s + 1) & mask;
                }
                boolean present = state(s) == FULL;
                if (present && !replace) {
                    continue;
                }
                // a new id goes to the first empty slot of its run (tombstones on the way are left: the
                // run may hold the id past them, and it was just looked for there)
                write(s, a, b, c, d, values[3 * i], values[3 * i + 1], values[3 * i + 2]);
                if (!present) {
                    size++;
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Grows the table now, rehashing once, so that {@code entries} more fit without growing again; an
     * open that knows (or estimates) how many entries it will insert avoids the rehash of every
     * doubling on the way and the page faults of each table it would have filled and thrown away.
     */
    void reserve(long entries) {
        lock.writeLock().lock();
        try {
            reserveLocked(used + entries);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void reserveLocked(long usedAfter) {
        if (usedAfter * 4 <= slots * 3) {
            return;
        }
        long n = slots;
        while (usedAfter * 4 > n * 3) {
            n *= 2;
        }
        rehashInto(n);
    }

    void remove(BlockId id) {
        merge(id, null, (old, given) -> null);
    }

    /** Calls {@code visitor} for every entry, in no particular order, holding the table's shared lock. */
    void forEach(Visitor visitor) {
        lock.readLock().lock();
        try {
            for (long s = 0; s < slots; s++) {
                if (state(s) == FULL) {
                    visitor.visit(key(s), value(s));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Removes every entry {@code test} says to, in one pass. */
    void removeIf(Test test) {
        lock.writeLock().lock();
        try {
            for (long s = 0; s < slots; s++) {
                if (state(s) == FULL && test.remove(key(s), value(s))) {
                    removeAt(s);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    void clear() {
        lock.writeLock().lock();
        try {
            MappedByteBuffer[] old = segments;
            allocate(MIN_SLOTS);
            ScratchMapping.unmap(old);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            ScratchMapping.unmap(segments);
            segments = new MappedByteBuffer[0];
            slots = 0;
            size = 0;
            used = 0;
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ---- slots

    private long find(BlockId id) {
        if (slots == 0) {
            throw new IllegalStateException("the block table " + name + " is closed");
        }
        long a = id.word(0);
        long s = home(id);
        for (long n = 0; n < slots; n++, s = (s + 1) & mask) {
            long st = state(s);
            if (st == EMPTY) {
                return -1;
            }
            if (st == FULL && buf(s).getLong(at(s) + 8) == a && key(s).equals(id)) {
                return s;
            }
        }
        return -1;
    }

    private long home(BlockId id) {
        return home(id.word(0));
    }

    private long home(long firstWord) {
        long h = firstWord ^ seed; // murmur3's fmix64: every bit of the word moves the slot
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (h ^ (h >>> 33)) & mask;
    }

    private void removeAt(long s) {
        buf(s).putLong(at(s), REMOVED);
        size--;
    }

    private long state(long s) {
        return buf(s).getLong(at(s));
    }

    private BlockId key(long s) {
        MappedByteBuffer b = buf(s);
        int o = at(s);
        return BlockId.ofWords(b.getLong(o + 8), b.getLong(o + 16), b.getLong(o + 24), b.getLong(o + 32));
    }

    private Value value(long s) {
        MappedByteBuffer b = buf(s);
        int o = at(s);
        return new Value(b.getLong(o + 40), b.getLong(o + 48), b.getLong(o + 56));
    }

    private void write(long s, BlockId id, Value v) {
        write(s, id.word(0), id.word(1), id.word(2), id.word(3), v.v0(), v.v1(), v.v2());
    }

    private void write(long s, long a, long b, long c, long d, long v0, long v1, long v2) {
        MappedByteBuffer buf = buf(s);
        int o = at(s);
        buf.putLong(o + 8, a).putLong(o + 16, b).putLong(o + 24, c).putLong(o + 32, d);
        buf.putLong(o + 40, v0).putLong(o + 48, v1).putLong(o + 56, v2);
        buf.putLong(o, FULL);
    }

    private boolean sameId(long s, long a, long b, long c, long d) {
        MappedByteBuffer buf = buf(s);
        int o = at(s);
        return buf.getLong(o + 8) == a && buf.getLong(o + 16) == b && buf.getLong(o + 24) == c && buf.getLong(o + 32) == d;
    }

    private MappedByteBuffer buf(long s) {
        return segments[(int) (s / SEGMENT_SLOTS)];
    }

    private static int at(long s) {
        return (int) (s % SEGMENT_SLOTS) * SLOT;
    }

    // ---- files

    /** Moves every entry into a new file: twice as large unless most used slots are tombstones. */
    private void rehash() {
        rehashInto(size * 2 >= slots * 3 / 4 ? slots * 2 : slots);
    }

    /** Moves every entry into a new file of {@code n} slots (a power of two, more than the entries). */
    private void rehashInto(long n) {
        MappedByteBuffer[] old = segments;
        long oldSlots = slots;
        long live = size;
        allocate(n);
        MappedByteBuffer[] fresh = segments;
        segments = old;
        for (long s = 0; s < oldSlots; s++) {
            if (state(s) != FULL) {
                continue;
            }
            BlockId id = key(s);
            Value v = value(s);
            segments = fresh;
            long at = home(id);
            while (state(at) != EMPTY) {
                at = (at + 1) & mask;
            }
            write(at, id, v);
            segments = old;
        }
        segments = fresh;
        size = live;
        used = live;
        ScratchMapping.unmap(old);
    }

    /** Maps a new, zeroed file of {@code n} slots (a power of two) as the table, empty. */
    private void allocate(long n) {
        try {
            segments = ScratchMapping.map(dir, "blocks-" + name + "-", n * SLOT, (long) SEGMENT_SLOTS * SLOT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the block table " + name + " of " + n + " slots in " + dir
                    + ": " + e.getMessage(), e);
        }
        slots = n;
        mask = n - 1;
        size = 0;
        used = 0;
    }
}
