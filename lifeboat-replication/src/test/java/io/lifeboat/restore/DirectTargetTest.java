package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.lifeboat.repository.Fixtures;
import io.lifeboat.repository.backend.DirectIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
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
}
