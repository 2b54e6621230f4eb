package io.lifeboat.repository.hashing;

import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * MessageDigest on the same bytes; after three rounds in a row where the kernel is clearly faster,
 * {@link #ready()} turns true for good. On a CPU where the kernel never wins (no real vector unit,
 * a JIT that does not intrinsify it) it gives up after {@link #GIVE_UP_NANOS} and everything stays
 * on MessageDigest.
 */
final class KernelWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(KernelWarmUp.class);
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final int MESSAGE_BYTES = 4096;
    /** Kernel calls that bring it past C2's thresholds (about 600 calls and 15,000 loop turns). */
    private static final int COMPILE_ROUNDS = 150;
    /** A compiled kernel does 0.6-1.2 GB/s per core on AVX2/AVX-512; a cold one a few MB/s. */
    private static final long MIN_BYTES_PER_SECOND = 400_000_000L;
    private static volatile boolean ready;
    private static boolean started;
    private static final CountDownLatch DONE = new CountDownLatch(1);

    private KernelWarmUp() {
    }

    static boolean ready() {
        return ready;
    }

    /** Waits until the warm-up has decided (either way); true when the kernel is in use. */
    static boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        DONE.await(timeout, unit);
        return ready;
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
            compile(lanes, start);
            ready = prove(lanes, start);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (ready) {
                LOG.debug("SHA-256: the {}-lane vector kernel is in use ({} ms of warm-up)", lanes, ms);
            } else {
                LOG.debug("SHA-256: the {}-lane vector kernel did not beat MessageDigest within {} ms; staying on MessageDigest",
                        lanes, ms);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError e) {
            ready = false; // stay on MessageDigest
        } finally {
            DONE.countDown();
        }
    }

    /**
     * Phase 1: calls the kernel on tiny messages until the JIT has seen it often enough to compile
     * it. Cold, the kernel is slow whatever it hashes, so tiny messages keep this cheap, and the
     * thread sleeps as long as each round took: it never takes more than half a core from a
     * command that is starting up.
     */
    private static void compile(int lanes, long start) throws InterruptedException {
        byte[][] msgs = messages(lanes, 64);
        byte[][] out = new byte[lanes][MultiBlockSha256.DIGEST_LENGTH];
        int[] offsets = new int[lanes];
        for (int round = 0; round < COMPILE_ROUNDS && System.nanoTime() - start < GIVE_UP_NANOS; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 8; i++) {
                MultiBlockSha256.digest(lanes, msgs, offsets, 64, lanes, out, offsets);
            }
            sleepAsLongAs(System.nanoTime() - t0);
        }
    }

    /**
     * Phase 2: times the kernel against MessageDigest on the same 4 KiB messages until it is
     * clearly faster three rounds in a row: 1.5x, and at least {@link #MIN_BYTES_PER_SECOND},
     * because early on MessageDigest is not compiled either and beating it proves nothing. A
     * kernel that runs compiled yet loses ten rounds in a row gives up at once: MessageDigest is
     * fast here already (SHA extensions), and there is nothing to wait for.
     */
    private static boolean prove(int lanes, long start) throws Exception {
        byte[][] msgs = messages(lanes, MESSAGE_BYTES);
        byte[][] out = new byte[lanes][MultiBlockSha256.DIGEST_LENGTH];
        int[] offsets = new int[lanes];
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        int wins = 0;
        int losses = 0;
        while (wins < 3 && System.nanoTime() - start < GIVE_UP_NANOS) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 2; i++) {
                MultiBlockSha256.digest(lanes, msgs, offsets, MESSAGE_BYTES, lanes, out, offsets);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < 2; i++) {
                for (byte[] m : msgs) {
                    md.update(m);
                    md.digest();
                }
            }
            long t2 = System.nanoTime();
            long bytes = 2L * lanes * MESSAGE_BYTES;
            boolean compiled = bytes * 1_000_000_000L / Math.max(1, t1 - t0) >= MIN_BYTES_PER_SECOND;
            boolean faster = compiled && (t1 - t0) * 3 < (t2 - t1) * 2;
            wins = faster ? wins + 1 : 0;
            // compiled yet no faster: MessageDigest is fast here already (a CPU with SHA extensions)
            losses = compiled && !faster ? losses + 1 : 0;
            if (losses >= 10) {
                return false;
            }
            if (!faster) {
                sleepAsLongAs(t2 - t0);
            }
        }
        return wins >= 3;
    }

    private static byte[][] messages(int lanes, int length) {
        byte[][] msgs = new byte[lanes][length];
        Random r = new Random(1);
        for (byte[] m : msgs) {
            r.nextBytes(m);
        }
        return msgs;
    }

    private static void sleepAsLongAs(long nanos) throws InterruptedException {
        long ms = Math.max(1, nanos / 1_000_000);
        Thread.sleep(Math.min(ms, 100));
    }
}
