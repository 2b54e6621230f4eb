package io.lifeboat.repository.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.hashing.WarmUpVerdict.Outcome;
import org.junit.jupiter.api.Test;

/** The warm-up's rule, fed scripted timings: the machine's real speed never decides a test. */
class WarmUpVerdictTest {
    /** 128 KiB, what one warm-up round hashes with 16 lanes. */
    private static final long BYTES = 2L * 16 * 4096;
    /** 1 GB/s: a compiled kernel. */
    private static final long COMPILED = BYTES;
    /** 3 MB/s: a kernel the JIT has not compiled yet. */
    private static final long COLD = BYTES * 333;

    @Test
    void threeClearWinsInARowPutTheKernelInUse() {
        WarmUpVerdict v = new WarmUpVerdict();
        assertThat(v.add(BYTES, COMPILED, COMPILED * 3)).isEqualTo(Outcome.UNDECIDED);
        assertThat(v.add(BYTES, COMPILED, COMPILED * 3)).isEqualTo(Outcome.UNDECIDED);
        assertThat(v.add(BYTES, COMPILED, COMPILED * 3)).isEqualTo(Outcome.KERNEL);
        // decided for good: a later slow round changes nothing
        assertThat(v.add(BYTES, COLD, 1)).isEqualTo(Outcome.KERNEL);
    }

    @Test
    void aWinMustBeClear() {
        WarmUpVerdict v = new WarmUpVerdict();
        // exactly 2/3 of MessageDigest's time wins; a hair more does not
        v.add(BYTES, 2 * COMPILED, 3 * COMPILED);
        v.add(BYTES, 2 * COMPILED, 3 * COMPILED);
        assertThat(v.add(BYTES, 2 * COMPILED + 1, 3 * COMPILED)).isEqualTo(Outcome.UNDECIDED);
        v.add(BYTES, 2 * COMPILED, 3 * COMPILED);
        v.add(BYTES, 2 * COMPILED, 3 * COMPILED);
        assertThat(v.add(BYTES, 2 * COMPILED, 3 * COMPILED)).isEqualTo(Outcome.KERNEL);
    }

    @Test
    void winsMustComeInARow() {
        WarmUpVerdict v = new WarmUpVerdict();
        for (int i = 0; i < 50; i++) {
            assertThat(v.add(BYTES, COMPILED, COMPILED * 3)).isEqualTo(Outcome.UNDECIDED);
            assertThat(v.add(BYTES, COMPILED, COMPILED * 3)).isEqualTo(Outcome.UNDECIDED);
            assertThat(v.add(BYTES, COMPILED, COMPILED)).isEqualTo(Outcome.UNDECIDED);
        }
    }

    @Test
    void aColdKernelBeatingAColdDigestProvesNothing() {
        WarmUpVerdict v = new WarmUpVerdict();
        for (int i = 0; i < 20; i++) {
            assertThat(v.add(BYTES, COLD, COLD * 10)).isEqualTo(Outcome.UNDECIDED);
        }
        // nor does a cold kernel losing count as a loss: it may yet be compiled
        for (int i = 0; i < 20; i++) {
            assertThat(v.add(BYTES, COLD, 1)).isEqualTo(Outcome.UNDECIDED);
        }
    }

    @Test
    void tenCompiledLossesInARowKeepMessageDigest() {
        // a CPU with SHA extensions: MessageDigest does 2 GB/s, the kernel 1 GB/s
        WarmUpVerdict v = new WarmUpVerdict();
        for (int i = 1; i < WarmUpVerdict.LOSSES_NEEDED; i++) {
            assertThat(v.add(BYTES, COMPILED, COMPILED / 2)).isEqualTo(Outcome.UNDECIDED);
        }
        assertThat(v.add(BYTES, COMPILED, COMPILED / 2)).isEqualTo(Outcome.DIGEST_FASTER);
        assertThat(v.add(BYTES, COMPILED, COMPILED * 3)).isEqualTo(Outcome.DIGEST_FASTER);
    }

    @Test
    void aWinBreaksAStreakOfLosses() {
        WarmUpVerdict v = new WarmUpVerdict();
        for (int i = 1; i < WarmUpVerdict.LOSSES_NEEDED; i++) {
            v.add(BYTES, COMPILED, COMPILED / 2);
        }
        v.add(BYTES, COMPILED, COMPILED * 3);
        assertThat(v.add(BYTES, COMPILED, COMPILED / 2)).isEqualTo(Outcome.UNDECIDED);
    }

    @Test
    void compiledRoundsTooCloseToCallEndInMessageDigest() {
        WarmUpVerdict v = new WarmUpVerdict();
        // the kernel wins, loses, wins...: never three wins or ten losses in a row
        for (int i = 1; i < WarmUpVerdict.MAX_COMPILED_ROUNDS; i++) {
            assertThat(v.add(BYTES, COMPILED, i % 3 == 0 ? COMPILED : COMPILED * 3)).isEqualTo(Outcome.UNDECIDED);
        }
        assertThat(v.add(BYTES, COMPILED, COMPILED * 3)).isEqualTo(Outcome.NO_CLEAR_WINNER);
    }

    @Test
    void aKernelThatNeverCompilesEndsInMessageDigest() {
        WarmUpVerdict v = new WarmUpVerdict();
        for (int i = 1; i < WarmUpVerdict.MAX_COLD_ROUNDS; i++) {
            assertThat(v.add(BYTES, COLD, COLD)).isEqualTo(Outcome.UNDECIDED);
            assertThat(v.kernelCompiled()).isFalse();
        }
        assertThat(v.add(BYTES, COLD, COLD)).isEqualTo(Outcome.NO_CLEAR_WINNER);
    }

    @Test
    void theSlowGenericFormOfAKernelDoesNotCountAsCompiled() {
        // 120 MB/s: the form C2 gives the 16-lane kernel once the 8-lane one ran in the same JVM
        WarmUpVerdict v = new WarmUpVerdict();
        v.add(BYTES, BYTES * 1_000_000_000L / 120_000_000L, COMPILED * 10);
        assertThat(v.kernelCompiled()).isFalse();
        v.add(BYTES, COMPILED, COMPILED * 3);
        assertThat(v.kernelCompiled()).isTrue();
    }
}
