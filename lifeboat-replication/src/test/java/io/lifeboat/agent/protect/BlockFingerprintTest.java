package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BlockFingerprintTest {
    @Test
    void isCrc32cThenCrc32OfTheBlocksBytesOnly() {
        byte[] block = "hello, block".getBytes();
        byte[] padded = new byte[64];
        System.arraycopy(block, 0, padded, 0, block.length);
        CRC32C c = new CRC32C();
        c.update(block);
        CRC32 i = new CRC32();
        i.update(block);
        assertThat(BlockFingerprint.of(padded, block.length)).isEqualTo(c.getValue() << 32 | i.getValue());
    }

    /** The reader fingerprints blocks where it read them, outside the heap; the record may come from either. */
    @Property(tries = 100)
    void isTheSameInTheHeapAndOutside(@ForAll @Size(max = 4096) byte[] block, @ForAll @IntRange(max = 7) int at) {
        ByteBuffer direct = ByteBuffer.allocateDirect(at + block.length + 3);
        direct.position(at).put(block).position(at).limit(at + block.length);
        assertThat(BlockFingerprint.of(direct)).isEqualTo(BlockFingerprint.of(block, block.length));
        assertThat(direct.position()).as("the position does not move").isEqualTo(at);
    }

    /** Any change within 32 consecutive bits is a burst every CRC-32 detects, so both halves change. */
    @Property(tries = 300)
    void everyChangeWithinFourBytesIsSeen(@ForAll @Size(min = 4, max = 4096) byte[] block,
            @ForAll @IntRange(min = 0, max = 4095) int at, @ForAll int xor) {
        int pos = at % (block.length - 3);
        byte[] changed = block.clone();
        int mask = xor == 0 ? 1 : xor;
        for (int k = 0; k < 4; k++) {
            changed[pos + k] ^= (byte) (mask >>> (8 * k));
        }
        long before = BlockFingerprint.of(block, block.length);
        long after = BlockFingerprint.of(changed, changed.length);
        assertThat(after >>> 32).isNotEqualTo(before >>> 32);
        assertThat(after & 0xffff_ffffL).isNotEqualTo(before & 0xffff_ffffL);
    }
}
