package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.DirectIo;
import io.lifeboat.repository.backend.FaultInjectingBackend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Repository#readRunInto}: a run of blocks copied (raw) or inflated (zstd) from the ranges
 * of their packs straight into the caller's buffer, at the places it asks, each hashed there; from a
 * local folder (ranges lent from the O_DIRECT read buffer) and from a store that reads into arrays
 * (the default, as the Azure and memory stores do).
 */
class RunReadIntoTest {
    static final int BS = 32 << 10;
    static final int BLOCKS = 120;
    static final int TAIL = 777;
    /** What the caller's buffer holds where no block belongs: a block must never land there. */
    static final byte FILL = 0x5a;

    @TempDir
    Path tmp;

    LocalBackend local;
    List<BlockId> ids = new ArrayList<>();
    List<byte[]> bodies = new ArrayList<>();

    @BeforeEach
    void store() {
        local = new LocalBackend(tmp.resolve("repo"));
        // 120 random blocks, every fourth half letters (stored as zstd), then a short last block of 777 bytes
        byte[] image = Fixtures.random(5, BLOCKS * BS + TAIL);
        for (int i = 0; i < BLOCKS; i += 4) {
            Arrays.fill(image, i * BS, i * BS + BS / 2, (byte) 'a');
        }
        Fixtures.Cut cut = Fixtures.cutImage(image, BS, SourceKind.IMAGE);
        try (Repository repo = Repository.open(local, RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "m", cut);
        }
        for (int i = 0; i * BS < image.length; i++) {
            byte[] block = Arrays.copyOfRange(image, i * BS, Math.min(image.length, (i + 1) * BS));
            ids.add(BlockId.of(block));
            bodies.add(block);
        }
    }

    /** The two ways a store lends a range: its O_DIRECT buffer (a local folder) or a wrapped array (the default). */
    List<Supplier<Backend>> stores() {
        return List.of(() -> new ReadOnlyBackend(local), () -> new FaultInjectingBackend(new ReadOnlyBackend(local)));
    }

    @Test
    void rawAndZstdBlocksLandInPlaceFromEveryStartInThePackAndAtEveryAlignmentOfTheBuffer() {
        assertThat(encodings()).contains(BlockEncoding.RAW, BlockEncoding.ZSTD);
        int[] shifts = {0, 1, 41, 511, 4095, 4097};
        for (Supplier<Backend> store : stores()) {
            try (Repository repo = Repository.open(store.get(), RepositoryOptions.readOnlyDefaults())) {
                // runs starting at 12 consecutive blocks: their first records lie at 12 offsets of the
                // pack's aligned blocks, so the ranges start at as many places in the O_DIRECT buffer;
                // each run (about 1.3 MiB) is read as ranges of at least 256 KiB, which a local folder
                // reads around the page cache; the last run ends with the short block
                for (int first = 0; first < 12; first++) {
                    int to = first == 11 ? ids.size() : first + 40;
                    for (boolean direct : new boolean[] {true, false}) {
                        int shift = shifts[first % shifts.length];
                        readAndCheck(repo, first, to, shift, direct);
                    }
                }
            }
        }
    }

    @Test
    void theSameBlocksLandInPlaceWhenRawBlocksAreHashedAfterTheCopyAsTheVectorKernelDoes() {
        boolean was = RunReader.hashRawWhileCopying;
        RunReader.hashRawWhileCopying = !was;
        try {
            rawAndZstdBlocksLandInPlaceFromEveryStartInThePackAndAtEveryAlignmentOfTheBuffer();
            aRunLongerThanARangeSpansSeveralReadBuffersWithGapsBetweenItsSlots();
        } finally {
            RunReader.hashRawWhileCopying = was;
        }
    }

    @Test
    void aFlippedByteInARawBodyIsNamedWhicheverWayItIsHashed() throws Exception {
        boolean was = RunReader.hashRawWhileCopying;
        RunReader.hashRawWhileCopying = !was;
        try {
            aFlippedByteInARawBodyIsNamedWithItsPackAndOffset();
        } finally {
            RunReader.hashRawWhileCopying = was;
        }
    }

    @Test
    void aRunLongerThanARangeSpansSeveralReadBuffersWithGapsBetweenItsSlots() {
        for (Supplier<Backend> store : stores()) {
            try (Repository repo = Repository.open(store.get(), RepositoryOptions.readOnlyDefaults())) {
                // the whole image, about 3.8 MiB: at least two ranges of 2 MiB, read on two threads
                List<BlockId> run = ids;
                int[] lengths = lengths(0, run.size());
                int[] at = new int[run.size()];
                int pos = 3;
                for (int i = 0; i < run.size(); i++) {
                    at[i] = pos;
                    pos += lengths[i] + 100; // a gap after each slot that must stay untouched
                }
                ByteBuffer dest = filled(DirectIo.alignedBuffer(pos), pos);
                repo.readRunInto("m", run, lengths, dest, at);
                checkSlots(dest, 0, at, lengths, pos);
            }
        }
    }

    @Test
    void aFlippedByteInARawBodyIsNamedWithItsPackAndOffset() throws Exception {
        int victim = 41; // raw: 41 is not a multiple of 4
        Pack.Location loc = location(victim);
        assertThat(loc.encoding()).isEqualTo(BlockEncoding.RAW);
        flip(loc, Pack.HEADER + 100);
        expectDamage(victim, loc, "SHA-256 of its " + BS + " bytes");
    }

    @Test
    void aBadZstdFrameIsNamedWithItsPackAndOffset() throws Exception {
        int victim = 40;
        Pack.Location loc = location(victim);
        assertThat(loc.encoding()).isEqualTo(BlockEncoding.ZSTD);
        flip(loc, Pack.HEADER + 1); // the frame's magic number
        expectDamage(victim, loc, "not a valid zstd frame");
    }

    @Test
    void aWrongRecordHeaderIsNamedWithItsPackAndOffset() throws Exception {
        int victim = 42;
        Pack.Location loc = location(victim);
        flip(loc, Pack.HEADER - 2); // the stored length's low byte
        expectDamage(victim, loc, "the record header at offset " + loc.offset() + " does not describe this block");
    }

    @Test
    void aLengthThatIsNotThePointsIsRefusedBeforeAnythingIsRead() {
        try (Repository repo = Repository.open(new ReadOnlyBackend(local), RepositoryOptions.readOnlyDefaults())) {
            int[] lengths = lengths(0, 10);
            lengths[5] = BS - 1;
            int[] at = new int[10];
            for (int i = 0; i < 10; i++) {
                at[i] = i * BS;
            }
            ByteBuffer dest = filled(ByteBuffer.allocateDirect(10 * BS), 10 * BS);
            assertThatThrownBy(() -> repo.readRunInto("m", ids.subList(0, 10), lengths, dest, at))
                    .isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("block " + ids.get(5))
                    .hasMessageContaining("the index says " + BS + " bytes where the point says " + (BS - 1));
            for (int i = 0; i < 10 * BS; i++) {
                assertThat(dest.get(i)).as("byte %d", i).isEqualTo(FILL);
            }
        }
    }

    void readAndCheck(Repository repo, int from, int to, int shift, boolean direct) {
        List<BlockId> run = ids.subList(from, to);
        int[] lengths = lengths(from, to);
        int[] at = new int[run.size()];
        int pos = shift;
        for (int i = 0; i < run.size(); i++) {
            at[i] = pos;
            pos += lengths[i];
        }
        int size = pos + 64;
        ByteBuffer dest = filled(direct ? DirectIo.alignedBuffer(size) : ByteBuffer.allocate(size), size);
        repo.readRunInto("m", run, lengths, dest, at);
        checkSlots(dest, from, at, lengths, size);
    }

    /** Every slot holds its block, and every byte outside the slots is still {@link #FILL}. */
    void checkSlots(ByteBuffer dest, int from, int[] at, int[] lengths, int size) {
        boolean[] inSlot = new boolean[size];
        for (int i = 0; i < at.length; i++) {
            byte[] got = new byte[lengths[i]];
            dest.get(at[i], got);
            assertThat(got).as("block %d at %d", from + i, at[i]).isEqualTo(bodies.get(from + i));
            Arrays.fill(inSlot, at[i], at[i] + lengths[i], true);
        }
        for (int i = 0; i < size; i++) {
            if (!inSlot[i]) {
                assertThat(dest.get(i)).as("byte %d, outside every slot", i).isEqualTo(FILL);
            }
        }
        assertThat(dest.position()).isZero();
    }

    void expectDamage(int victim, Pack.Location loc, String what) {
        for (Supplier<Backend> store : stores()) {
            try (Repository repo = Repository.open(store.get(), RepositoryOptions.readOnlyDefaults())) {
                int[] lengths = lengths(0, ids.size());
                int[] at = new int[ids.size()];
                int pos = 0;
                for (int i = 0; i < ids.size(); i++) {
                    at[i] = pos;
                    pos += lengths[i];
                }
                ByteBuffer dest = DirectIo.alignedBuffer(pos);
                assertThatThrownBy(() -> repo.readRunInto("m", ids, lengths, dest, at))
                        .isInstanceOf(IntegrityException.class)
                        .hasMessageContaining("block " + ids.get(victim) + " in data/" + loc.pack())
                        .hasMessageContaining("offset " + loc.offset())
                        .hasMessageContaining(what)
                        .satisfies(e -> assertThat(((IntegrityException) e).pack()).isEqualTo("data/" + loc.pack()));
                // its neighbours, in a run without it, still read
                int[] few = Arrays.copyOfRange(at, 0, 20);
                repo.readRunInto("m", ids.subList(0, 20), Arrays.copyOf(lengths, 20), dest, few);
            }
        }
    }

    int[] lengths(int from, int to) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = bodies.get(i).length;
        }
        return out;
    }

    List<BlockEncoding> encodings() {
        List<BlockEncoding> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            out.add(location(i).encoding());
        }
        return out;
    }

    Pack.Location location(int block) {
        try (Repository repo = Repository.open(new ReadOnlyBackend(local), RepositoryOptions.readOnlyDefaults())) {
            return repo.blocks.index.get(ids.get(block));
        }
    }

    void flip(Pack.Location loc, int intoRecord) throws Exception {
        Path pack = local.path(new Handle(FileType.DATA, loc.pack()));
        try (RandomAccessFile raf = new RandomAccessFile(pack.toFile(), "rw")) {
            long at = loc.offset() + intoRecord;
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x01);
        }
    }

    static ByteBuffer filled(ByteBuffer b, int size) {
        for (int i = 0; i < size; i++) {
            b.put(i, FILL);
        }
        return b;
    }
}
