package io.lifeboat.repository.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packs written around the page cache must be byte for byte what was asked, whatever their length
 * against the 4 KiB alignment and the 1 MiB slices, and staged packs must publish as before.
 */
class DirectPackWriterTest {
    @TempDir
    Path dir;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    @Test
    void writesExactlyTheBytesAskedForAtEveryAlignment() throws Exception {
        DirectPackWriter writer = new DirectPackWriter(true);
        int min = DirectPackWriter.MIN_BYTES;
        int slice = DirectPackWriter.SLICE;
        for (int length : List.of(min, min + 1, min + 4095, min + 4096, slice - 1, slice, slice + 1, 3 * slice + 17)) {
            byte[] data = random(length + 10, length);
            Path file = dir.resolve("pack-" + length);
            boolean written = writer.write(file, data, 7, length, null);
            if (!written) { // a file system here that refuses O_DIRECT: nothing written, writer off
                assertThat(file).doesNotExist();
                assertThat(writer.enabled()).isFalse();
                return;
            }
            byte[] back = Files.readAllBytes(file);
            assertThat(back.length).as("length %d", length).isEqualTo(length);
            assertThat(java.util.Arrays.equals(back, 0, length, data, 7, 7 + length)).as("bytes of %d", length).isTrue();
        }
    }

    /**
     * A buffer outside the heap at an aligned address (a received pack) is written where it lies but
     * for its last partial 4 KiB, which is padded in this thread's buffer: the bytes past its limit
     * are never written, and its position stays. One at an unaligned position is copied instead.
     */
    @Test
    void writesADirectBufferInPlaceOrByCopyWithTheSameBytes() throws Exception {
        DirectPackWriter writer = new DirectPackWriter(true);
        int min = DirectPackWriter.MIN_BYTES;
        int slice = DirectPackWriter.SLICE;
        for (int length : List.of(min, min + 1, min + 4095, min + 4096, slice + 1, 3 * slice + 17)) {
            for (int start : new int[] {0, 4096, 7}) {
                byte[] data = random(start + length + 5000, length + start);
                ByteBuffer buf = DirectIo.alignedBuffer(data.length).put(data).position(start).limit(start + length);
                assertThat(DirectPackWriter.inPlace(buf)).isEqualTo(start % 4096 == 0);
                Path file = dir.resolve("direct-" + length + "-" + start);
                if (!writer.write(file, buf, null)) {
                    assertThat(file).doesNotExist();
                    assertThat(writer.enabled()).isFalse();
                    return;
                }
                byte[] back = Files.readAllBytes(file);
                assertThat(back.length).as("length %d from %d", length, start).isEqualTo(length);
                assertThat(java.util.Arrays.equals(back, 0, length, data, start, start + length))
                        .as("bytes of %d from %d", length, start).isTrue();
                assertThat(buf.position()).isEqualTo(start);
                assertThat(buf.limit()).isEqualTo(start + length);
            }
        }
    }

    @Test
    void leavesSmallFilesAndADisabledWriterToThePageCache() throws Exception {
        Path small = dir.resolve("small");
        assertThat(new DirectPackWriter(true).write(small, new byte[100], 0, 100, null)).isFalse();
        assertThat(small).doesNotExist();
        Path big = dir.resolve("big");
        DirectPackWriter off = new DirectPackWriter(false);
        assertThat(off.enabled()).isFalse();
        assertThat(off.write(big, new byte[DirectPackWriter.MIN_BYTES], 0, DirectPackWriter.MIN_BYTES, null)).isFalse();
        assertThat(big).doesNotExist();
    }

    @Test
    void aMissingFolderIsReportedNotMistakenForARefusal() {
        DirectPackWriter writer = new DirectPackWriter(true);
        org.junit.jupiter.api.Assumptions.assumeTrue(writer.enabled(), "O_DIRECT is tried on Linux only");
        int n = DirectPackWriter.MIN_BYTES;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.write(dir.resolve("no/such/pack"), new byte[n], 0, n, null))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThat(writer.enabled()).isTrue();
    }

    @Test
    void refusesToOverwriteAnExistingFile() throws Exception {
        Path file = dir.resolve("taken");
        Files.write(file, new byte[] {1, 2, 3});
        DirectPackWriter writer = new DirectPackWriter(true);
        int n = DirectPackWriter.MIN_BYTES;
        try {
            writer.write(file, new byte[n], 0, n, null);
        } catch (java.nio.file.FileAlreadyExistsException expected) {
            // the only acceptable failure: a name is never replaced
        }
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
    }

    @Test
    void stagedDirectBuffersPublishTheSameBytesWithAndWithoutDirectWrites() throws Exception {
        for (boolean directWrites : new boolean[] {true, false}) {
            LocalBackend backend = new LocalBackend(dir.resolve("buf-" + directWrites), directWrites);
            byte[] pack = random(3 * (1 << 20) + 4099, 43);
            ByteBuffer buf = DirectIo.alignedBuffer(pack.length).put(pack).flip();
            Handle h = new Handle(FileType.DATA, "cd" + directWrites);
            Backend.Staged staged = backend.stage(h, buf);
            assertThat(buf.position()).isZero();
            assertThat(backend.list(FileType.DATA)).isEmpty();
            backend.publish(List.of(staged));
            assertThat(backend.read(h)).isEqualTo(pack);
        }
    }

    @Test
    void stagedPacksPublishTheSameBytesWithAndWithoutDirectWrites() throws Exception {
        for (boolean directWrites : new boolean[] {true, false}) {
            LocalBackend backend = new LocalBackend(dir.resolve("repo-" + directWrites), directWrites);
            byte[] pack = random(5 * (1 << 20) + 333, 42);
            Handle h = new Handle(FileType.DATA, "ab" + directWrites);
            Backend.Staged staged = backend.stage(h, pack, 0, pack.length);
            assertThat(backend.list(FileType.DATA)).isEmpty(); // not visible before its publish
            backend.publish(List.of(staged));
            assertThat(backend.read(h)).isEqualTo(pack);
            assertThat(backend.read(h, 4093, 9000)).isEqualTo(java.util.Arrays.copyOfRange(pack, 4093, 4093 + 9000));
            try (var left = Files.list(backend.path(h).getParent())) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly(h.name());
            }
        }
    }
}
