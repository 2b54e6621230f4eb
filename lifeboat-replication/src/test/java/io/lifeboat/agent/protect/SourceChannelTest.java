package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.BlockId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a file's blocks around the page cache gives exactly what reading through it gives,
 * whatever the file's size against the alignment O_DIRECT needs; and the flag is only tried where
 * every read can be aligned.
 */
class SourceChannelTest {
    private static final int BLOCK = 32 * 1024;
    /** Sizes around the alignment, the block, a slice (16 blocks) and a group (256 blocks). */
    private static final int[] SIZES = {0, 1, 4095, 4096, 4097, BLOCK - 1, BLOCK, BLOCK + 17, 16 * BLOCK,
        16 * BLOCK + 4096, 3 * 16 * BLOCK + 5, 256 * BLOCK, 256 * BLOCK + 4096 + 3};

    @TempDir
    Path dir;

    @Test
    void directAndCachedReadsGiveTheSameBlocksForEverySize() throws IOException {
        Random random = new Random(14);
        for (int size : SIZES) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            if (size > 2 * BLOCK) {
                Arrays.fill(bytes, BLOCK, 2 * BLOCK, (byte) 0); // an all-zero block in the middle
            }
            Path file = dir.resolve("f" + size);
            Files.write(file, bytes);

            SourceReader.Group direct = readFirstGroup(file, true);
            SourceReader.Group cached = readFirstGroup(file, false);
            int expected = Math.min(256, (size + BLOCK - 1) / BLOCK);
            assertThat(cached.count).as("blocks of a file of %d bytes", size).isEqualTo(expected);
            assertThat(direct.count).as("blocks of a file of %d bytes", size).isEqualTo(expected);
            assertThat(direct.eof).as("end of a file of %d bytes", size).isEqualTo(cached.eof);
            for (int i = 0; i < expected; i++) {
                int from = i * BLOCK;
                int length = Math.min(BLOCK, size - from);
                assertThat(direct.lengths[i]).as("block %d of %d bytes", i, size).isEqualTo(length);
                BlockId id = allZero(bytes, from, length) ? null : BlockId.of(bytes, from, length);
                assertThat(direct.ids[i]).as("block %d of %d bytes, around the cache", i, size).isEqualTo(id);
                assertThat(cached.ids[i]).as("block %d of %d bytes, through the cache", i, size).isEqualTo(id);
            }
        }
    }

    @Test
    void onlyBlockSizesThatKeepEveryReadAlignedTryODirect() throws IOException {
        Path file = dir.resolve("image");
        Files.write(file, new byte[3 * BLOCK]);
        try (SourceChannel odd = SourceChannel.open(file, 5000, true);
                SourceChannel off = SourceChannel.open(file, BLOCK, false)) {
            assertThat(odd.direct()).as("a block size that is not a multiple of 4 KiB").isFalse();
            assertThat(off.direct()).as("not asked for (a tree's file)").isFalse();
        }
    }

    @Test
    void aMissingFileIsReportedAsWithoutTheFlag() {
        Path missing = dir.resolve("missing.img");
        assertThatThrownBy(() -> SourceChannel.open(missing, BLOCK, true)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("missing.img");
    }

    @Test
    void alignedBuffersHaveTheSizeAskedForAndAnAlignedAddress() {
        var b = SourceChannel.alignedBuffer(16 * BLOCK);
        assertThat(b.capacity()).isEqualTo(16 * BLOCK);
        assertThat(b.isDirect()).isTrue();
        assertThat(b.alignmentOffset(0, SourceChannel.ALIGN)).isZero();
    }

    private static SourceReader.Group readFirstGroup(Path file, boolean tryDirect) throws IOException {
        BlockGroupReader reader = new BlockGroupReader(BLOCK, new BlockBuffers(BLOCK, 16),
                new BlockFingerprint(new FingerprintKey(7)));
        try (SourceChannel ch = SourceChannel.open(file, BLOCK, tryDirect)) {
            return reader.readGroup(ch, 0, Files.size(file), KnownBlocks.File.EMPTY, 0);
        }
    }

    private static boolean allZero(byte[] b, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
