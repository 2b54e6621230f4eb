package io.lifeboat.repository.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DirectRangeReader} and {@link LocalBackend#readOnce}, which reads packs with it. */
class DirectRangeReaderTest {
    @TempDir
    Path tmp;

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void rangesOffTheAlignmentReadExactlyTheirBytes() throws Exception {
        byte[] data = random((3 << 20) + 5000); // a pack's length is not aligned either
        Path p = Files.write(tmp.resolve("pack"), data);
        DirectRangeReader reader = new DirectRangeReader();
        int min = DirectRangeReader.MIN_BYTES;
        long[][] ranges = {{0, min}, {1, min + 10}, {4095, min + 2}, {12_345, 2 << 20}, {data.length - min - 777, min + 777},
                {5000, (3 << 20) - 1}}; // the last one larger than the thread's buffer
        for (long[] r : ranges) {
            byte[] got = reader.read(p, r[0], (int) r[1]);
            assumeThat(got).as("this file system takes O_DIRECT").isNotNull();
            assertThat(got).as("range %d+%d", r[0], r[1]).isEqualTo(Arrays.copyOfRange(data, (int) r[0], (int) (r[0] + r[1])));
        }
        assertThat(reader.read(p, 100, min - 1)).as("a small range is the page cache's").isNull();
        assertThat(reader.enabled()).isTrue();
    }

    @Test
    void aRangePastTheEndIsAnEofAndAMissingFileIsSaidSo() throws Exception {
        Path p = Files.write(tmp.resolve("short"), random(1 << 20));
        DirectRangeReader reader = new DirectRangeReader();
        assertThatThrownBy(() -> reader.read(p, (1 << 20) - 1000, 300_000)).isInstanceOf(EOFException.class)
                .hasMessageContaining("past the end");
        assertThatThrownBy(() -> reader.read(tmp.resolve("gone"), 0, 300_000)).isInstanceOf(NoSuchFileException.class);
        assertThat(reader.enabled()).as("neither is a refusal of O_DIRECT").isTrue();
    }

    @Test
    void aBackendReadsAPackRangeOnceAsItReadsItAlwaysAndNamesAMissingPack() throws Exception {
        LocalBackend local = new LocalBackend(tmp.resolve("repo"));
        byte[] pack = random(1 << 20);
        Handle h = new Handle(FileType.DATA, "ab" + "0".repeat(62));
        assertThat(local.create(h, pack)).isTrue();
        assertThat(local.readOnce(h, 333, 700_000)).isEqualTo(local.read(h, 333, 700_000));
        assertThat(local.readOnce(h, 333, 70_000)).isEqualTo(local.read(h, 333, 70_000));
        assertThat(new ReadOnlyBackend(local).readOnce(h, 4096, 8192)).isEqualTo(Arrays.copyOfRange(pack, 4096, 4096 + 8192));
        assertThatThrownBy(() -> local.readOnce(h, pack.length - 300_000, 300_001)).isInstanceOf(EOFException.class);
        Handle gone = new Handle(FileType.DATA, "cd" + "0".repeat(62));
        assertThatThrownBy(() -> local.readOnce(gone, 0, 300_000)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no such file in " + local.root());
    }
}
