package io.lifeboat.agent;

import io.lifeboat.tls.LifeboatException;
import io.vertx.core.http.HttpClientRequest;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Whether netty may still read a request body that lies in memory the caller will reuse: the body's
 * write began (the request got a connection) and has not ended (written, or failed with the
 * connection). {@link BlockingHttp} waits on it before it returns from a request with such a body,
 * whether the request was answered, failed or timed out.
 *
 * <p>Why: an answer does not mean the body was written. The vault answers a 2xx only after it read
 * the whole body, but an error may come early, and a timed-out request may still be writing. A
 * body's memory reused while netty still encrypts from it would send other bytes under the ids
 * already sent (the vault would refuse them, but the batch would be lost to a retry).
 */
final class BodyWrite {
    /** How long a body still being written after its answer (or a timeout) may take before its request is cut off. */
    static final Duration FINISH = Duration.ofSeconds(30);
    /** How long a cut-off request's write may take to fail. */
    static final Duration CUT_OFF = Duration.ofSeconds(10);

    private final Duration finish;
    private final Duration cutOff;
    private final CountDownLatch ended = new CountDownLatch(1);
    private HttpClientRequest request;
    private boolean givenUp;

    BodyWrite() {
        this(FINISH, CUT_OFF);
    }

    BodyWrite(Duration finish, Duration cutOff) {
        this.finish = finish;
        this.cutOff = cutOff;
    }

    /** The write begins on {@code req}; false when the caller gave up waiting before (the body must then not be written). */
    synchronized boolean begin(HttpClientRequest req) {
        if (givenUp) {
            return false;
        }
        request = req;
        return true;
    }

    /** The body's write ended, with success or not: netty no longer reads it. */
    void ended() {
        ended.countDown();
    }

    /**
     * Returns once the body's write ended, or at once when it never began (and now never will). A
     * write still going after {@link #FINISH} is cut off by resetting its request; one that
     * does not end even then fails the call, so that the caller does not reuse the memory.
     */
    void awaitEnd(String what) {
        HttpClientRequest req;
        synchronized (this) {
            givenUp = true;
            req = request;
        }
        if (req == null) {
            return;
        }
        boolean interrupted = false;
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    if (ended.await((attempt == 0 ? finish : cutOff).toNanos(), TimeUnit.NANOSECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true; // the memory is not safe to reuse before the write ended: wait on
                    attempt--;
                    continue;
                }
                req.reset(); // fails the write, and netty lets go of the body
            }
            throw new LifeboatException(LifeboatException.Kind.FAILED, "the body of " + what
                    + " was still being written " + finish.plus(cutOff).toSeconds() + " s after the request ended");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
