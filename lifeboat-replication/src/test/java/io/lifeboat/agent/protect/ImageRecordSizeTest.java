package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.SourceKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image's block record is made at the image's size before it is read: one set of arrays of
 * exactly its blocks, not a doubling from one block (about 25 copies of a 1 TiB disk's record,
 * up to twice its size). A source that grows while read is still recorded whole.
 */
class ImageRecordSizeTest {
    private static final int BS = 4096;

    @TempDir
    Path tmp;

    @Test
    void anImageOfNBlocksMakesItsRecordOnceWithRoomForN() throws Exception {
        int n = 1000; // ten doublings from one block
        Path image = image(n);
        BlockBuffers buffers = new BlockBuffers(BS, 64);
        SourceReader reader = reader(buffers);
        Manifest m = reader.read(image, image.toString(), SourceKind.IMAGE, (id, data, length, incompressible) -> buffers.give(data));

        assertThat(reader.recorder().arraysMade("")).isEqualTo(1);
        assertThat(reader.recorder().room("")).isEqualTo(n);
        KnownBlocks.File file = reader.record("p").file("");
        assertThat(file.blocks()).isEqualTo(n);
        recordedAsRead(m, file);
    }

    @Test
    void anImageThatGrowsWhileReadIsRecordedWhole() throws Exception {
        int n = 600; // three groups of the reader: the third is read after the image grew
        int more = 300;
        Path image = image(n);
        byte[] extra = new byte[more * BS];
        new Random(15).nextBytes(extra);
        BlockBuffers buffers = new BlockBuffers(BS, 64);
        SourceReader reader = reader(buffers);
        AtomicBoolean grown = new AtomicBoolean();
        Manifest m = reader.read(image, image.toString(), SourceKind.IMAGE, (id, data, length, incompressible) -> {
            buffers.give(data);
            if (grown.compareAndSet(false, true)) { // at the first block handed over: blocks 512 on are not read yet
                try (FileChannel ch = FileChannel.open(image, StandardOpenOption.APPEND)) {
                    ch.write(ByteBuffer.wrap(extra));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });

        List<BlockRef> blocks = m.entries().get(0).blocks();
        assertThat(blocks).hasSize(n + more);
        assertThat(reader.recorder().arraysMade("")).as("made at the size found, then doubled once").isEqualTo(2);
        KnownBlocks.File file = reader.record("p").file("");
        assertThat(file.blocks()).isEqualTo(n + more);
        recordedAsRead(m, file);
        assertThat(blocks.get(n + more - 1).id()).isEqualTo(BlockId.of(java.util.Arrays.copyOfRange(extra, (more - 1) * BS, more * BS)));
    }

    @Test
    void anAllZeroImageMakesNoRecord() throws Exception {
        Path image = Files.write(tmp.resolve("zeros"), new byte[100 * BS]);
        BlockBuffers buffers = new BlockBuffers(BS, 64);
        SourceReader reader = reader(buffers);
        reader.read(image, image.toString(), SourceKind.IMAGE, (id, data, length, incompressible) -> buffers.give(data));

        assertThat(reader.recorder().arraysMade("")).isZero();
        assertThat(reader.record("p").isEmpty()).isTrue();
    }

    private Path image(int blocks) throws IOException {
        byte[] data = new byte[blocks * BS];
        new Random(14).nextBytes(data);
        return Files.write(tmp.resolve("image"), data);
    }

    private static SourceReader reader(BlockBuffers buffers) {
        return new SourceReader(BS, ProtectListener.NONE, new StopSignal(), buffers, KnownBlocks.NONE,
                new BlockFingerprint(new FingerprintKey(14)));
    }

    private static void recordedAsRead(Manifest m, KnownBlocks.File file) {
        List<BlockRef> blocks = m.entries().get(0).blocks();
        for (int i = 0; i < blocks.size(); i++) {
            assertThat(file.id(i)).as("block %d", i).isEqualTo(blocks.get(i).id());
        }
    }
}
