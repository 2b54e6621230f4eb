package io.lifeboat.agent.protect;

import io.lifeboat.repository.BlockId;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What the agent recorded of a source's last committed point: for each file of the source (the
 * entry name, "" for a single file or image) and each block position, the block's length,
 * {@link BlockFingerprint} and SHA-256. A block read at the same position with the same length and
 * fingerprint is the block the vault already holds under that id, so it is neither hashed nor sent.
 * All-zero blocks are not recorded (they are recognised by their bytes).
 *
 * <p>Immutable once built; {@link Recorder} builds the record of the pass in progress.
 */
final class KnownBlocks {
    static final KnownBlocks NONE = new KnownBlocks(0, "", Map.of());
    /** A file with more blocks (2 TiB at 32 KiB) is not recorded: its digests would not fit one array. */
    static final int MAX_BLOCKS_PER_FILE = Integer.MAX_VALUE / 32;
    /** A record's bytes per block as a pass collects it: a length, a 16-byte fingerprint, a 32-byte id. */
    static final int RECORD_BYTES_PER_BLOCK = 4 + 16 + 32;
    /** A record sized up front ({@link Recorder#expect}) takes at most this part of the heap (1/4). */
    static final int PRESIZED_HEAP_SHARE = 4;

    private final int blockSize;
    private final String point;
    private final Map<String, File> files;

    KnownBlocks(int blockSize, String point, Map<String, File> files) {
        this(Map.copyOf(files), blockSize, point);
    }

    /** Over {@code files} as given: immutable, or a view no one else holds a way to change. */
    private KnownBlocks(Map<String, File> files, int blockSize, String point) {
        this.blockSize = blockSize;
        this.point = point;
        this.files = files;
    }

    /**
     * A record over {@code files}, which the caller made for it and no longer touches: kept as it
     * is, behind an unmodifiable view, instead of copied (a copy of a 47,000-file tree's map at
     * every load and every save of its record).
     */
    static KnownBlocks owning(int blockSize, String point, HashMap<String, File> files) {
        return new KnownBlocks(Collections.unmodifiableMap(files), blockSize, point);
    }

    /** The same record, of point {@code id}: a pass builds its record before the vault has named its point. */
    KnownBlocks at(String id) {
        return new KnownBlocks(files, blockSize, id);
    }

    int blockSize() {
        return blockSize;
    }

    /** The point this record describes. */
    String point() {
        return point;
    }

    Map<String, File> files() {
        return files;
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    /** The record of one file; an empty one when the file was not in the last point. */
    File file(String name) {
        return files.getOrDefault(name, File.EMPTY);
    }

    /**
     * One file's blocks by position: {@code lengths[i]} is 0 where block i was all zeros or absent,
     * {@code fingerprints} holds two longs per position (high, low), {@code digests} 32 bytes.
     */
    record File(int[] lengths, long[] fingerprints, byte[] digests) {
        static final File EMPTY = new File(new int[0], new long[0], new byte[0]);

        File {
            if (fingerprints.length != lengths.length * 2L || digests.length != lengths.length * 32L) {
                throw new IllegalArgumentException("a file record needs one length, fingerprint and digest per block");
            }
        }

        int blocks() {
            return lengths.length;
        }

        /** The id of block {@code index} as recorded (its length is not 0). */
        BlockId id(int index) {
            return BlockId.fromBytes(Arrays.copyOfRange(digests, index * 32, index * 32 + 32));
        }

        /** The id block {@code index} had in the last point if it still has that length and fingerprint, else null. */
        BlockId unchanged(long index, int length, BlockFingerprint.Fingerprint fingerprint) {
            if (index >= lengths.length || length == 0) {
                return null;
            }
            int i = (int) index;
            if (lengths[i] != length || fingerprints[2 * i] != fingerprint.high()
                    || fingerprints[2 * i + 1] != fingerprint.low()) {
                return null;
            }
            return BlockId.fromBytes(Arrays.copyOfRange(digests, i * 32, i * 32 + 32));
        }
    }

    /** Collects the record of a pass as the reader goes; not thread-safe (the reader calls it from one thread). */
    static final class Recorder {
        private final int blockSize;
        private final Map<String, Growing> files = new HashMap<>();
        /** Files kept from the last point without being read: their record is carried over as it was. */
        private final Map<String, File> carried = new HashMap<>();
        /** The blocks {@link #expect} was told a file has; none for a tree's files. */
        private final Map<String, Integer> expected = new HashMap<>();

        Recorder(int blockSize) {
            this.blockSize = blockSize;
        }

        /** {@code file} was not read, its blocks are those of the last point: keep their record. */
        void carry(String file, File record) {
            if (record.blocks() > 0) {
                carried.put(file, record);
            }
        }

        /**
         * {@code file} is expected to be {@code bytes} long (an image's or a device's size, taken before
         * it is read): its record is made with room for that many blocks at its first non-zero block,
         * one allocation where doubling copied a 1 TiB disk's record about 25 times and left it up to
         * twice too large. Only a hint: a file that grows while read still doubles past it, and an
         * all-zero one still makes no record. A tree's files take none (most are a block or two).
         * Nor does a source whose whole record would take more than {@link #PRESIZED_HEAP_SHARE} of
         * the heap: a sparse disk written only near its start needs a record only that far, and
         * sizing it for the whole disk up front would run such a pass out of heap where doubling
         * does not.
         */
        void expect(String file, long bytes) {
            long blocks = (bytes + blockSize - 1) / blockSize;
            if (bytes > 0 && blocks <= MAX_BLOCKS_PER_FILE
                    && blocks * RECORD_BYTES_PER_BLOCK <= Runtime.getRuntime().maxMemory() / PRESIZED_HEAP_SHARE) {
                expected.put(file, (int) blocks);
            }
        }

        /** Block {@code index} of {@code file}: a non-zero block with its fingerprint and id. */
        void block(String file, long index, int length, BlockFingerprint.Fingerprint fingerprint, BlockId id) {
            Growing g = files.computeIfAbsent(file, f -> new Growing(expected.getOrDefault(f, 1)));
            if (index < MAX_BLOCKS_PER_FILE) {
                g.set((int) index, length, fingerprint, id.toBytes());
            } else {
                g.tooLarge = true;
            }
        }

        /** The blocks the record of {@code file} has room for so far (for tests: it grows with the file, not ahead of what it was expected to be). */
        int room(String file) {
            Growing g = files.get(file);
            return g == null ? 0 : g.lengths.length;
        }

        /** How many times the arrays of {@code file}'s record were made (for tests: once when its size was known). */
        int arraysMade(String file) {
            Growing g = files.get(file);
            return g == null ? 0 : g.made;
        }

        KnownBlocks toRecord(String point) {
            HashMap<String, File> done = new HashMap<>((carried.size() + files.size()) * 4 / 3 + 1);
            done.putAll(carried);
            files.forEach((name, g) -> {
                if (!g.tooLarge) {
                    done.put(name, g.toFile());
                }
            });
            return owning(blockSize, point, done);
        }
    }

    /**
     * One file's record as the reader fills it: room for the blocks it was expected to have, else
     * for one block at first, doubled as blocks come. Why one: most files of a tree are a block or
     * two, and a record made with room for 64 blocks held 3.3 KB per file for the whole pass,
     * 165 MB for a tree of 50,000 files: more than a 192 MiB heap (a tree pass of /usr ran out of
     * it), and copied by every young collection of a larger one. Doubling costs a large file a few
     * copies of its record, not of its data.
     */
    private static final class Growing {
        private int[] lengths;
        private long[] fingerprints;
        private byte[] digests;
        private int size;
        private boolean tooLarge;
        /** The times its arrays were made: 1, then one more at each doubling. */
        private int made = 1;

        Growing(int room) {
            lengths = new int[room];
            fingerprints = new long[2 * room];
            digests = new byte[32 * room];
        }

        void set(int index, int length, BlockFingerprint.Fingerprint fingerprint, byte[] digest) {
            if (index >= lengths.length) {
                int n = (int) Math.min(MAX_BLOCKS_PER_FILE, Math.max(index + 1L, lengths.length * 2L));
                lengths = Arrays.copyOf(lengths, n);
                fingerprints = Arrays.copyOf(fingerprints, 2 * n);
                digests = Arrays.copyOf(digests, n * 32);
                made++;
            }
            lengths[index] = length;
            fingerprints[2 * index] = fingerprint.high();
            fingerprints[2 * index + 1] = fingerprint.low();
            System.arraycopy(digest, 0, digests, index * 32, 32);
            size = Math.max(size, index + 1);
        }

        /** The finished record: its arrays as they are when full (a one-block file's always are), else trimmed. */
        File toFile() {
            if (size == lengths.length) {
                return new File(lengths, fingerprints, digests);
            }
            return new File(Arrays.copyOf(lengths, size), Arrays.copyOf(fingerprints, 2 * size),
                    Arrays.copyOf(digests, size * 32));
        }
    }
}
