package io.lifeboat.agent.protect;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A one-way "please stop" flag (set by a SIGTERM hook) that sleeps can wait on. */
public final class StopSignal {
    private final CountDownLatch latch = new CountDownLatch(1);

    public void request() {
        latch.countDown();
    }

    public boolean requested() {
        return latch.getCount() == 0;
    }

    /** Sleeps up to {@code d}; returns true at once when a stop is requested. */
    public boolean await(Duration d) throws InterruptedException {
        return latch.await(d.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @throws ProtectCancelledException when a stop was requested */
    public void check() {
        if (requested()) {
            throw new ProtectCancelledException();
        }
    }
}
