package io.lifeboat.repository.hashing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the vector kernel up to speed off the hot path, and lets it in only once it is faster.
 *
 * <p>Why: in a fresh JVM the Vector API runs as plain Java objects until C2 has compiled the
 * kernel, and that takes about a second in which it hashes at a few MB/s; the first 512 KiB took
 * 0.8 s here. MessageDigest's intrinsic is fast from the start. So callers hash with MessageDigest
 * while one daemon thread first calls the kernel on tiny messages until the JIT compiles it (never
 * using more than half a core, so a command starting up keeps its CPU), then times it against
 * MessageDigest on the same bytes, and {@link WarmUpVerdict} decides. Once the kernel has won,
 * {@link #ready()} is true for good; if it loses (a CPU with SHA extensions, where MessageDigest is
 * faster) or never gets up to speed, everything stays on MessageDigest. Every round it times also
 * checks the kernel's digests against MessageDigest's ({@link KernelSelfCheck}): one wrong digest
 * and the kernel is never used, whatever its speed, and the log says so.
 *
 * <p>The rounds are timed in this thread's CPU time, not wall time: on a busy machine (a CI run, a
 * vault serving many agents) wall time counts whoever else held the core, and a kernel that lost
 * its slice mid-round would look slower than it is.
 *
 * <p>Only one kernel may ever run in a JVM that relies on this: once the 8-lane kernel has run,
 * the JIT's profiles of the Vector API's shared code see two vector shapes, and the 16-lane kernel
 * compiles to a slow generic form (120 MB/s instead of 780 here). {@link MultiBlockSha256} only
 * ever runs the one kernel its CPU calls for; tests that run both do so in a JVM of their own.
 */
final class KernelWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(KernelWarmUp.class);
    /** A backstop only: the verdict normally comes well before, from {@link WarmUpVerdict}. */
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(90);
    private static final int MESSAGE_BYTES = 4096;
    /** Kernel calls that bring it past C2's thresholds (about 600 calls and 15,000 loop turns). */
    private static final int COMPILE_ROUNDS = 150;
    /** While the kernel is not yet compiled, a measuring round comes at most this often, to keep its cost low. */
    private static final long COLD_ROUND_PAUSE_MS = 20;
    private static volatile WarmUpVerdict.Outcome outcome = WarmUpVerdict.Outcome.UNDECIDED;
    private static boolean started;
    private static final CountDownLatch DONE = new CountDownLatch(1);

    private KernelWarmUp() {
    }

    static boolean ready() {
        return outcome == WarmUpVerdict.Outcome.KERNEL;
    }

    /** The warm-up's verdict so far ({@code UNDECIDED} while it runs or before it started). */
    static WarmUpVerdict.Outcome outcome() {
        return outcome;
    }

    /** Waits until the warm-up has decided (either way); true when the kernel is in use. */
    static boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        DONE.await(timeout, unit);
        return ready();
    }

    /** Starts the warm-up thread for a kernel of {@code lanes} unless started before; nothing to warm for 1 lane. */
    static synchronized void startOnce(int lanes) {
        if (started) {
            return;
        }
        started = true;
        if (lanes <= 1) {
            DONE.countDown();
            return;
        }
        Thread t = new Thread(() -> run(lanes), "lifeboat-sha256-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run(int lanes) {
        try {
            long start = System.nanoTime();
            LongSupplier clock = threadClock();
            compile(lanes, start, clock);
            WarmUpVerdict.Outcome verdict = prove(lanes, start, clock);
            outcome = verdict;
            LOG.debug("SHA-256, {}-lane vector kernel: {} after {} ms of warm-up", lanes, verdict,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (WrongDigest e) {
            outcome = WarmUpVerdict.Outcome.KERNEL_WRONG;
            LOG.error("SHA-256: the {}-lane vector kernel's digest of warm-up message {} differs from MessageDigest's;"
                    + " the kernel is never used, hashing stays on MessageDigest", lanes, e.message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError e) {
            outcome = WarmUpVerdict.Outcome.KERNEL_FAILED;
            LOG.warn("SHA-256: the {}-lane vector kernel failed in its warm-up ({}); hashing stays on MessageDigest",
                    lanes, e.toString());
        } finally {
            DONE.countDown();
        }
    }

    /** This thread's CPU time where the JVM measures it (HotSpot on Linux, macOS, Windows), else wall time. */
    private static LongSupplier threadClock() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads.isCurrentThreadCpuTimeSupported()) {
            if (!threads.isThreadCpuTimeEnabled()) {
                threads.setThreadCpuTimeEnabled(true);
            }
            return threads::getCurrentThreadCpuTime;
        }
        return System::nanoTime;
    }

    /**
     * Phase 1: calls the kernel on tiny messages until the JIT has seen it often enough to compile
     * it. Cold, the kernel is slow whatever it hashes, so tiny messages keep this cheap, and the
     * thread sleeps as long as each round took: it never takes more than half a core from a
     * command that is starting up.
     */
    private static void compile(int lanes, long start, LongSupplier clock) throws InterruptedException {
        byte[][] msgs = messages(lanes, 64);
        byte[][] out = new byte[lanes][MultiBlockSha256.DIGEST_LENGTH];
        int[] offsets = new int[lanes];
        for (int round = 0; round < COMPILE_ROUNDS && System.nanoTime() - start < GIVE_UP_NANOS; round++) {
            long t0 = clock.getAsLong();
            for (int i = 0; i < 8; i++) {
                MultiBlockSha256.digest(lanes, msgs, offsets, 64, lanes, out, offsets);
            }
            sleepAsLongAs(clock.getAsLong() - t0, 1);
        }
    }

    /**
     * Phase 2: times the kernel against MessageDigest on the same 4 KiB messages until {@link
     * WarmUpVerdict} decides. Until the kernel runs compiled the rounds are spaced out: C2 may
     * take seconds of CPU to compile it on a busy machine, and measuring meanwhile is waste.
     */
    private static WarmUpVerdict.Outcome prove(int lanes, long start, LongSupplier clock) throws Exception {
        check(lanes, messages(lanes, 64), 64); // the messages phase 1 compiled it on
        byte[][] msgs = messages(lanes, MESSAGE_BYTES);
        byte[][] out = new byte[lanes][MultiBlockSha256.DIGEST_LENGTH];
        int[] offsets = new int[lanes];
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        WarmUpVerdict verdict = new WarmUpVerdict();
        while (verdict.outcome() == WarmUpVerdict.Outcome.UNDECIDED && System.nanoTime() - start < GIVE_UP_NANOS) {
            long t0 = clock.getAsLong();
            for (int i = 0; i < 2; i++) {
                MultiBlockSha256.digest(lanes, msgs, offsets, MESSAGE_BYTES, lanes, out, offsets);
            }
            long t1 = clock.getAsLong();
            for (int i = 0; i < 2; i++) {
                for (byte[] m : msgs) {
                    md.update(m);
                    md.digest();
                }
            }
            long t2 = clock.getAsLong();
            int wrong = KernelSelfCheck.firstMismatch(msgs, out);
            if (wrong >= 0) {
                throw new WrongDigest(wrong);
            }
            verdict.add(2L * lanes * MESSAGE_BYTES, t1 - t0, t2 - t1);
            sleepAsLongAs(t2 - t0, verdict.kernelCompiled() ? 1 : COLD_ROUND_PAUSE_MS);
        }
        return verdict.outcome() == WarmUpVerdict.Outcome.UNDECIDED ? WarmUpVerdict.Outcome.NO_CLEAR_WINNER : verdict.outcome();
    }

    /** Hashes {@code msgs} with the kernel and checks every digest. */
    private static void check(int lanes, byte[][] msgs, int length) {
        byte[][] out = new byte[lanes][MultiBlockSha256.DIGEST_LENGTH];
        int[] offsets = new int[lanes];
        MultiBlockSha256.digest(lanes, msgs, offsets, length, lanes, out, offsets);
        int wrong = KernelSelfCheck.firstMismatch(msgs, out);
        if (wrong >= 0) {
            throw new WrongDigest(wrong);
        }
    }

    /** The kernel hashed warm-up message {@link #message} wrong. */
    private static final class WrongDigest extends RuntimeException {
        final int message;

        WrongDigest(int message) {
            super("message " + message, null, false, false);
            this.message = message;
        }
    }

    private static byte[][] messages(int lanes, int length) {
        byte[][] msgs = new byte[lanes][length];
        Random r = new Random(1);
        for (byte[] m : msgs) {
            r.nextBytes(m);
        }
        return msgs;
    }

    /** Sleeps as long as {@code nanos} (the work just done: at most half a core), at least {@code minMs}, at most 100 ms. */
    private static void sleepAsLongAs(long nanos, long minMs) throws InterruptedException {
        Thread.sleep(Math.min(Math.max(minMs, nanos / 1_000_000), 100));
    }
}
