package io.lifeboat.repository.hashing;

import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Brings the vector kernel up to speed off the hot path, and lets it in only once it is faster.
 *
 * <p>Why: in a fresh JVM the Vector API runs as plain Java objects until C2 has compiled the
 * kernel, and that takes about a second in which it hashes at a few MB/s; the first 512 KiB took
 * 0.8 s here. MessageDigest's intrinsic is fast from the start. So callers hash with MessageDigest
 * while one daemon thread runs the kernel on a small batch over and over, timing it against
 * MessageDigest on the same bytes; after three rounds in a row where the kernel is clearly faster,
 * {@link #ready()} turns true for good. On a CPU where the kernel never wins (no real vector unit,
 * a JIT that does not intrinsify it) it gives up after {@link #GIVE_UP_NANOS} and everything stays
 * on MessageDigest.
 */
final class KernelWarmUp {
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final int MESSAGE_BYTES = 4096;
    private static volatile boolean ready;
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

    /** Starts the warm-up thread for a kernel of {@code lanes}; does nothing for 1 lane. */
    static void start(int lanes) {
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
            byte[][] msgs = new byte[lanes][MESSAGE_BYTES];
            Random r = new Random(1);
            for (byte[] m : msgs) {
                r.nextBytes(m);
            }
            byte[][] out = new byte[lanes][MultiBlockSha256.DIGEST_LENGTH];
            int[] offsets = new int[lanes];
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long start = System.nanoTime();
            int wins = 0;
            while (wins < 3 && System.nanoTime() - start < GIVE_UP_NANOS) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 8; i++) {
                    MultiBlockSha256.digest(lanes, msgs, offsets, MESSAGE_BYTES, lanes, out, offsets);
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < 8; i++) {
                    for (byte[] m : msgs) {
                        md.update(m);
                        md.digest();
                    }
                }
                long t2 = System.nanoTime();
                // "clearly faster": at least 1.5x, so a noisy round does not switch too early
                wins = (t1 - t0) * 3 < (t2 - t1) * 2 ? wins + 1 : 0;
            }
            ready = wins >= 3;
        } catch (Exception | LinkageError e) {
            ready = false; // stay on MessageDigest
        } finally {
            DONE.countDown();
        }
    }
}
