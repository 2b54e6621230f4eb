package io.lifeboat.repository.hashing;

/**
 * Decides, from timed rounds of the same bytes hashed both ways, whether the vector kernel or
 * MessageDigest hashes faster on this machine. It holds no clock: {@link KernelWarmUp} measures,
 * this class only counts, so the rule is tested with scripted timings rather than with the
 * machine's real (and noisy) speed.
 *
 * <p>The rule:
 * <ul>
 *   <li>A round counts only once the kernel runs compiled, at {@link #MIN_BYTES_PER_SECOND} or
 *       more: early on MessageDigest is not compiled either, and beating it then proves nothing.</li>
 *   <li>{@link #WINS_NEEDED} compiled rounds in a row where the kernel takes at most 2/3 of
 *       MessageDigest's time: the kernel is in use from then on.</li>
 *   <li>{@link #LOSSES_NEEDED} compiled rounds in a row where it does not: MessageDigest is fast
 *       here already (a CPU with SHA extensions), and there is nothing to wait for.</li>
 *   <li>Neither within {@link #MAX_COMPILED_ROUNDS} compiled rounds (the two are too close to
 *       call), or the kernel still not compiled after {@link #MAX_COLD_ROUNDS} (no C2, or a JIT
 *       that does not intrinsify the Vector API): no clear winner, and MessageDigest stays, as the
 *       one that needs no warm-up.</li>
 * </ul>
 */
final class WarmUpVerdict {
    /**
     * A compiled kernel does 0.4-1.2 GB/s per core on AVX2/AVX-512 (less on a core whose
     * hyperthread sibling is busy); a cold one a few MB/s, a wrongly compiled one about 120 MB/s.
     */
    static final long MIN_BYTES_PER_SECOND = 250_000_000L;
    static final int WINS_NEEDED = 3;
    static final int LOSSES_NEEDED = 10;
    static final int MAX_COMPILED_ROUNDS = 200;
    /** The warm-up spaces cold rounds 20 ms apart: this gives C2 half a minute, however busy the machine. */
    static final int MAX_COLD_ROUNDS = 1500;

    /** Where the rounds so far point. */
    enum Outcome {
        /** Not decided yet: measure another round. */
        UNDECIDED,
        /** The kernel is clearly faster: use it. */
        KERNEL,
        /** The kernel runs compiled and is not faster: stay on MessageDigest. */
        DIGEST_FASTER,
        /** No clear winner within the round limits: stay on MessageDigest. */
        NO_CLEAR_WINNER,
        /** Set by {@link KernelWarmUp}, never by the rule: the kernel threw during its warm-up. */
        KERNEL_FAILED,
        /** Set by {@link KernelWarmUp}, never by the rule: a digest of the kernel's was not MessageDigest's. */
        KERNEL_WRONG
    }

    private int compiledRounds;
    private int coldRounds;
    private int wins;
    private int losses;
    private Outcome outcome = Outcome.UNDECIDED;

    /**
     * Adds one round: {@code bytes} hashed by the kernel in {@code kernelNanos}, and the same bytes
     * by MessageDigest in {@code digestNanos}. Returns the outcome so far; once decided it stays.
     */
    Outcome add(long bytes, long kernelNanos, long digestNanos) {
        if (outcome != Outcome.UNDECIDED) {
            return outcome;
        }
        boolean compiled = bytes * 1_000_000_000.0 / Math.max(1, kernelNanos) >= MIN_BYTES_PER_SECOND;
        if (compiled) {
            compiledRounds++;
        } else {
            coldRounds++;
        }
        boolean faster = compiled && kernelNanos * 3 <= digestNanos * 2;
        wins = faster ? wins + 1 : 0;
        losses = compiled && !faster ? losses + 1 : 0;
        if (wins >= WINS_NEEDED) {
            outcome = Outcome.KERNEL;
        } else if (losses >= LOSSES_NEEDED) {
            outcome = Outcome.DIGEST_FASTER;
        } else if (compiledRounds >= MAX_COMPILED_ROUNDS || coldRounds >= MAX_COLD_ROUNDS) {
            outcome = Outcome.NO_CLEAR_WINNER;
        }
        return outcome;
    }

    /** True when the last round ran the kernel at compiled speed. */
    boolean kernelCompiled() {
        return wins > 0 || losses > 0;
    }

    Outcome outcome() {
        return outcome;
    }
}
