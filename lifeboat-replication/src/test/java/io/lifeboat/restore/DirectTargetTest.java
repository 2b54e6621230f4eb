package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.lifeboat.repository.Fixtures;
import io.lifeboat.repository.backend.DirectIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectTargetTest {
    @TempDir
    Path tmp;

    /** {@code data} cut into buffers of {@code piece} bytes (the last one shorter), as a run's blocks are. */
    static ByteBuffer[] pieces(byte[] data, int piece) {
        int n = (data.length + piece - 1) / piece;
        ByteBuffer[] out = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            int from = i * piece;
            out[i] = ByteBuffer.wrap(data, from, Math.min(piece, data.length - from)).slice();
        }
        return out;
    }

    /** A file of {@code size} bytes of 0x55, like a device that already holds data. */
    Path filled(String name, int size) throws IOException {
        byte[] old = new byte[size];
        Arrays.fill(old, (byte) 0x55);
        return Files.write(tmp.resolve(name), old);
    }

    @Test
    void onlyTheAlignedMiddleOfARunGoesAroundTheCacheAndNothingBesideItChanges() throws IOException {
        Path p = filled("device.img", 64 << 10);
        byte[] run = Fixtures.random(1, 50_000 - 1000);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE);
                DirectTarget direct = DirectTarget.open(p, ch, -1)) {
            assumeThat(direct).as("this file system takes O_DIRECT").isNotNull();
            long viaCache = direct.write(pieces(run, 7000), 1000);
            // the head up to 4096 and the tail after 49152 went through the page cache
            assertThat(viaCache).isEqualTo((4096 - 1000) + (50_000 - 49_152));
            assertThat(direct.directBytes()).isEqualTo(49_152 - 4096);
            ch.force(true);
        }
        byte[] now = Files.readAllBytes(p);
        assertThat(now).hasSize(64 << 10);
        assertThat(Arrays.copyOfRange(now, 1000, 50_000)).isEqualTo(run);
        byte[] before = new byte[1000];
        Arrays.fill(before, (byte) 0x55);
        assertThat(Arrays.copyOfRange(now, 0, 1000)).isEqualTo(before);
        byte[] after = new byte[(64 << 10) - 50_000];
        Arrays.fill(after, (byte) 0x55);
        assertThat(Arrays.copyOfRange(now, 50_000, 64 << 10)).as("a device is never padded").isEqualTo(after);
    }

    @Test
    void aRunThatEndsTheFileIsPaddedToTheAlignmentAndCutBackByTheCaller() throws IOException {
        Path p = tmp.resolve("new.img");
        byte[] data = Fixtures.random(2, (3 << 20) + 1234); // more than one slice, an unaligned tail
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                DirectTarget direct = DirectTarget.open(p, ch, data.length)) {
            assumeThat(direct).as("this file system takes O_DIRECT").isNotNull();
            assertThat(direct.write(pieces(data, 32 << 10), 0)).as("nothing through the page cache").isZero();
            assertThat(ch.size()).isEqualTo(DirectIo.roundUp(data.length));
            ch.truncate(data.length);
        }
        assertThat(Files.readAllBytes(p)).isEqualTo(data);
    }

    @Test
    void aRunInsideOneBlockGoesThroughTheCacheWhole() throws IOException {
        Path p = filled("small.img", 8192);
        byte[] run = Fixtures.random(3, 200);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE);
                DirectTarget direct = DirectTarget.open(p, ch, -1)) {
            assumeThat(direct).isNotNull();
            assertThat(direct.write(pieces(run, 64), 100)).isEqualTo(200);
            assertThat(direct.directBytes()).isZero();
        }
        assertThat(Arrays.copyOfRange(Files.readAllBytes(p), 100, 300)).isEqualTo(run);
    }

    @Test
    void aFileSystemThatRefusesODirectGetsNoDirectWriterAndOtherFailuresAreThrown() throws IOException {
        Path p = filled("x.img", 4096);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            DirectTarget.Opener refuses = path -> {
                throw new FileSystemException(path.toString(), null, "Invalid argument");
            };
            assertThat(DirectTarget.open(p, ch, 4096, refuses)).isNull();
            DirectTarget.Opener jdkRefuses = path -> {
                throw new UnsupportedOperationException("DIRECT");
            };
            assertThat(DirectTarget.open(p, ch, 4096, jdkRefuses)).isNull();
            DirectTarget.Opener denied = path -> {
                throw new AccessDeniedException(path.toString());
            };
            assertThatThrownBy(() -> DirectTarget.open(p, ch, 4096, denied)).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void aRunOfManySlicesIsWrittenWholeAtAnyAlignmentAndNothingBesideItChanges() throws IOException {
        // five slices and more, the aligned buffer refilled for each, twice in a row on one writer
        for (int head : new int[] {0, 1, 4095, 4096, 5000}) {
            Path p = filled("many." + head + ".img", (6 << 20) + 8192);
            byte[] run = Fixtures.random(10 + head, (5 << 20) + 3 * 4096 + 77);
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE);
                    DirectTarget direct = DirectTarget.open(p, ch, -1)) {
                assumeThat(direct).as("this file system takes O_DIRECT").isNotNull();
                long viaCache = direct.write(pieces(run, 32 << 10), head);
                long second = direct.write(pieces(run, 32 << 10), head);
                assertThat(second).isEqualTo(viaCache);
                long end = head + run.length;
                long alignedStart = DirectIo.roundUp(head);
                assertThat(viaCache).isEqualTo((alignedStart - head) + (end - (end & -DirectIo.ALIGN)));
                assertThat(direct.directBytes()).isEqualTo(2 * ((end & -DirectIo.ALIGN) - alignedStart));
                ch.force(true);
            }
            byte[] now = Files.readAllBytes(p);
            assertThat(Arrays.copyOfRange(now, head, head + run.length)).as("head %d", head).isEqualTo(run);
            for (int i = 0; i < head; i++) {
                assertThat(now[i]).isEqualTo((byte) 0x55);
            }
            for (int i = head + run.length; i < now.length; i++) {
                assertThat(now[i]).as("byte %d, past the run", i).isEqualTo((byte) 0x55);
            }
        }
    }

    @Test
    void aSliceThatFailsMidRunFailsTheRunAndTheNextOnesAreNotWritten() throws IOException {
        Path p = filled("failing.img", 8 << 20);
        AtomicInteger writes = new AtomicInteger();
        DirectTarget.Opener thirdWriteFails = path -> new FailingChannel(DirectTarget.O_DIRECT.open(path), writes, 3);
        byte[] run = Fixtures.random(20, 6 << 20);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE);
                DirectTarget direct = DirectTarget.open(p, ch, -1, thirdWriteFails)) {
            assumeThat(direct).as("this file system takes O_DIRECT").isNotNull();
            assertThatThrownBy(() -> direct.write(pieces(run, 32 << 10), 0))
                    .isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
            assertThat(writes.get()).as("slices after the failed one are not written").isEqualTo(3);
        }
        byte[] now = Files.readAllBytes(p);
        assertThat(Arrays.copyOfRange(now, 0, 2 << 20)).as("the slices before it").isEqualTo(
                Arrays.copyOfRange(run, 0, 2 << 20));
        for (int i = 2 << 20; i < now.length; i++) {
            assertThat(now[i]).as("byte %d, the failed slice and after", i).isEqualTo((byte) 0x55);
        }
    }

    /** A direct channel whose {@code failAt}-th positional write fails as a full disk does. */
    private static final class FailingChannel extends FileChannel {
        private final FileChannel in;
        private final AtomicInteger writes;
        private final int failAt;

        FailingChannel(FileChannel in, AtomicInteger writes, int failAt) {
            this.in = in;
            this.writes = writes;
            this.failAt = failAt;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            if (writes.incrementAndGet() == failAt) {
                throw new IOException("No space left on device");
            }
            return in.write(src, position);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return in.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return in.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return in.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return in.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return in.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            in.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return in.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            in.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            in.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return in.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return in.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return in.read(dst, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return in.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return in.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return in.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            in.close();
        }
    }
}
