package io.lifeboat.repository.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every lane count must give exactly MessageDigest's SHA-256: at the lengths where padding changes
 * shape (55/56/63/64 bytes...), for full and partial batches, at odd offsets. Each kernel runs in
 * this JVM, so the 16-lane kernel is only tried where the CPU has 512-bit vectors (elsewhere it
 * still works, just very slowly, and the library never picks it). Running two kernels leaves this
 * JVM's JIT unfit to time either, so the warm-up is tested in a JVM of its own
 * ({@link KernelWarmUpInAFreshJvmTest}).
 */
class MultiBlockSha256Test {
    private static final int[] LENGTHS = {0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4096, 32767, 32768};
    private static final int[] COUNTS = {0, 1, 2, 4, 5, 8, 9, 15, 16, 17, 33};

    @Test
    void theVectorKernelIsInUseWhereTheModuleAndTheCpuAllowIt() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertThat(module).as("surefire's argLine adds --add-modules jdk.incubator.vector").isTrue();
        assertThat(MultiBlockSha256.lanes()).as(MultiBlockSha256.implementation()).isIn(1, 8, 16);
        if (System.getenv("CI") != null) {
            // the CI machines have AVX-512 (or at least AVX2): the vector kernels must be the ones
            // tested below. Whether its warm-up lets it in is KernelWarmUpInAFreshJvmTest's part.
            assertThat(MultiBlockSha256.lanes()).as(MultiBlockSha256.implementation()).isGreaterThan(1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 16})
    void everyLaneCountMatchesMessageDigest(int lanes) throws Exception {
        if (lanes == 16 && MultiBlockSha256.lanes() < 16 || lanes == 8 && MultiBlockSha256.lanes() < 8) {
            lanes = MultiBlockSha256.lanes(); // the CPU cannot run that kernel at speed: test the one in use
        }
        Random rnd = new Random(42 + lanes);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int len : LENGTHS) {
            for (int count : COUNTS) {
                byte[][] msgs = new byte[count][];
                int[] offs = new int[count];
                byte[][] out = new byte[count][];
                int[] outOffs = new int[count];
                for (int i = 0; i < count; i++) {
                    offs[i] = rnd.nextInt(5); // unaligned starts
                    msgs[i] = new byte[offs[i] + len + rnd.nextInt(3)];
                    rnd.nextBytes(msgs[i]);
                    outOffs[i] = rnd.nextInt(4);
                    out[i] = new byte[outOffs[i] + 34];
                }
                MultiBlockSha256.digest(lanes, msgs, offs, len, count, out, outOffs);
                for (int i = 0; i < count; i++) {
                    md.update(msgs[i], offs[i], len);
                    assertThat(Arrays.copyOfRange(out[i], outOffs[i], outOffs[i] + 32))
                            .as("lanes %d, length %d, count %d, message %d", lanes, len, count, i)
                            .isEqualTo(md.digest());
                }
            }
        }
    }

    /**
     * Messages in buffers (a pack received outside the heap): in the heap and outside it, at odd
     * positions, of mixed lengths in one call, give MessageDigest's digests, and no position moves.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 8, 16})
    void buffersInAndOutsideTheHeapMatchMessageDigest(int lanes) throws Exception {
        if (lanes == 16 && MultiBlockSha256.lanes() < 16 || lanes == 8 && MultiBlockSha256.lanes() < 8) {
            lanes = MultiBlockSha256.lanes();
        }
        Random rnd = new Random(7 + lanes);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int count : COUNTS) {
            ByteBuffer[] msgs = new ByteBuffer[count];
            byte[][] want = new byte[count][];
            for (int i = 0; i < count; i++) {
                int len = i % 3 == 2 ? LENGTHS[rnd.nextInt(LENGTHS.length)] : 32768; // mostly one length, as a pack is
                byte[] b = new byte[len + 9];
                rnd.nextBytes(b);
                ByteBuffer buf = i % 2 == 0 ? ByteBuffer.allocateDirect(b.length).put(b) : ByteBuffer.wrap(b);
                msgs[i] = buf.position(i % 5).limit(i % 5 + len);
                md.update(b, i % 5, len);
                want[i] = md.digest();
            }
            byte[][] out = new byte[count][32];
            MultiBlockSha256.digest(lanes, msgs, count, out);
            for (int i = 0; i < count; i++) {
                assertThat(out[i]).as("lanes %d, count %d, message %d (%s)", lanes, count, i,
                        msgs[i].isDirect() ? "direct" : "heap").isEqualTo(want[i]);
                assertThat(msgs[i].position()).isEqualTo(i % 5);
            }
        }
    }

    @Test
    void knownAnswerForAbcInEveryLane() {
        byte[][] abc = new byte[16][];
        Arrays.fill(abc, "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (byte[] d : MultiBlockSha256.digest(abc)) {
            assertThat(HexFormat.of().formatHex(d)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        }
    }
}
