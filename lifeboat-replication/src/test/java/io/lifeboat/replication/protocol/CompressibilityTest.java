package io.lifeboat.replication.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompressibilityTest {
    private static final int BLOCK = 32768;

    @Test
    void randomBytesSkipTheAttempt() {
        Random r = new Random(3);
        for (int i = 0; i < 100; i++) {
            byte[] b = new byte[BLOCK];
            r.nextBytes(b);
            assertThat(Compressibility.looksIncompressible(b, BLOCK)).isTrue();
        }
    }

    @Test
    void textIsTried() {
        byte[] line = "2026-11-28T12:00:00Z web-1 GET /orders/12345 200 17ms user=alice\n".getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            b[i] = line[i % line.length];
        }
        assertThat(Compressibility.looksIncompressible(b, BLOCK)).isFalse();
    }

    @Test
    void aBlockThatIsPartlyZerosIsTried() {
        byte[] b = new byte[BLOCK];
        byte[] half = new byte[BLOCK / 2];
        new Random(4).nextBytes(half);
        System.arraycopy(half, 0, b, 0, half.length); // random first half, zero second half
        assertThat(Compressibility.looksIncompressible(b, BLOCK)).isFalse();
        // and the other way round: zeros first
        byte[] c = new byte[BLOCK];
        System.arraycopy(half, 0, c, BLOCK / 2, half.length);
        assertThat(Compressibility.looksIncompressible(c, BLOCK)).isFalse();
    }

    @Test
    void bytesDrawnFromAFewValuesAreTried() {
        byte[] b = new byte[BLOCK];
        Random r = new Random(5);
        for (int i = 0; i < BLOCK; i++) {
            b[i] = (byte) r.nextInt(64); // 6 bits of entropy per byte: zstd's entropy stage gains 25%
        }
        assertThat(Compressibility.looksIncompressible(b, BLOCK)).isFalse();
    }

    @Test
    void smallBlocksAreAlwaysTried() {
        byte[] b = new byte[4096];
        new Random(6).nextBytes(b);
        assertThat(Compressibility.looksIncompressible(b, b.length)).isFalse();
    }

    /** The counts are a thread's own array, used again: a block's verdict must not depend on the blocks before it. */
    @Test
    void eachBlockIsJudgedAlone() throws Exception {
        Random r = new Random(7);
        byte[] random = new byte[BLOCK];
        r.nextBytes(random);
        byte[] narrow = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            narrow[i] = (byte) r.nextInt(200); // 7.64 bits per byte: just below the line, so it is tried
        }
        byte[] text = new byte[BLOCK];
        Arrays.fill(text, (byte) 'a');
        for (int round = 0; round < 3; round++) {
            assertThat(Compressibility.looksIncompressible(random, BLOCK)).isTrue();
            assertThat(Compressibility.looksIncompressible(narrow, BLOCK)).isFalse();
            assertThat(Compressibility.looksIncompressible(random, BLOCK)).isTrue();
            assertThat(Compressibility.looksIncompressible(text, BLOCK)).isFalse();
        }
        // the same verdicts on threads that judged nothing before
        boolean[] fresh = new boolean[3];
        Thread t = new Thread(() -> {
            fresh[0] = Compressibility.looksIncompressible(narrow, BLOCK);
            fresh[1] = Compressibility.looksIncompressible(text, BLOCK);
            fresh[2] = Compressibility.looksIncompressible(random, BLOCK);
        });
        t.start();
        t.join();
        assertThat(fresh).containsExactly(false, false, true);
    }

    @Test
    void entropyOfKnownDistributions() {
        int[] counts = new int[256];
        Arrays.fill(counts, 16);
        assertThat(Compressibility.entropyBits(counts, 4096)).isEqualTo(8.0, org.assertj.core.data.Offset.offset(1e-9));
        int[] one = new int[256];
        one[0] = 4096;
        assertThat(Compressibility.entropyBits(one, 4096)).isEqualTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
