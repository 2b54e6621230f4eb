package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BlockFingerprintTest {
    private static final BlockFingerprint KEYED = new BlockFingerprint(new FingerprintKey(0x1234_5678_9abc_def0L));

    @Test
    void dependsOnTheKeyAndOnlyOnTheBlocksBytes() {
        byte[] block = new byte[4096];
        new Random(1).nextBytes(block);
        byte[] padded = new byte[block.length + 64];
        System.arraycopy(block, 0, padded, 17, block.length);
        assertThat(KEYED.of(padded, 17, block.length)).isEqualTo(KEYED.of(block, 0, block.length));
        assertThat(new BlockFingerprint(new FingerprintKey(1)).of(block, 0, block.length))
                .as("another agent's key gives another fingerprint").isNotEqualTo(KEYED.of(block, 0, block.length));
    }

    /** The forgery the CRC pair let through: both CRCs stay, the keyed fingerprint changes. */
    @Property(tries = 200)
    void theCrcProductPatternChangesTheFingerprint(@ForAll @Size(min = 9, max = 32768) byte[] block,
            @ForAll @IntRange(min = 0, max = 32767) int at) {
        int offset = at % (block.length - CrcForgery.PATTERN_BYTES + 1);
        byte[] forged = block.clone();
        CrcForgery.apply(forged, offset);
        assertThat(CrcForgery.crc32(forged, 0, forged.length)).as("CRC-32 fooled")
                .isEqualTo(CrcForgery.crc32(block, 0, block.length));
        assertThat(CrcForgery.crc32c(forged, 0, forged.length)).as("CRC-32C fooled")
                .isEqualTo(CrcForgery.crc32c(block, 0, block.length));
        assertThat(KEYED.of(forged, 0, forged.length)).isNotEqualTo(KEYED.of(block, 0, block.length));
    }

    @Property(tries = 300)
    void everyChangeWithinFourBytesIsSeen(@ForAll @Size(min = 4, max = 4096) byte[] block,
            @ForAll @IntRange(min = 0, max = 4095) int at, @ForAll int xor) {
        int pos = at % (block.length - 3);
        byte[] changed = block.clone();
        int mask = xor == 0 ? 1 : xor;
        for (int k = 0; k < 4; k++) {
            changed[pos + k] ^= (byte) (mask >>> (8 * k));
        }
        assertThat(KEYED.of(changed, 0, changed.length)).isNotEqualTo(KEYED.of(block, 0, block.length));
    }
}
