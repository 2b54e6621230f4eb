package io.lifeboat.repository;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Runs the retention a commit owes ({@link Retention#apply}) one run at a time: either on the
 * committing thread ({@link #runNow}) or on this queue's own thread ({@link #owe}), so that a vault
 * answers a commit as soon as its point is durable and prunes afterwards (issue 14, session 15:
 * retention took 10-230 ms of every commit's answer).
 *
 * <p>What a caller relies on:
 * <ul>
 *   <li>every commit is followed by a run for its machine that starts after the commit returned:
 *       a machine owed while its run is under way is run again once that run ends;</li>
 *   <li>commits owed before their run starts share it (one run covers them all: it plans from every
 *       point there is when it starts);</li>
 *   <li>no two runs overlap, queued or not (one lock), and each run takes the repository's
 *       exclusive lock besides, so no commit publishes in the middle of one;</li>
 *   <li>a crash (or {@link #close}) before an owed run leaves only points and blocks the policy would
 *       have dropped; the machine's next commit runs retention again and drops them.</li>
 * </ul>
 * The runs themselves log their failures and never throw (a failed retention must not fail a
 * committed point): see {@link Repository#retainAfterCommit}.
 */
final class RetentionQueue implements AutoCloseable {
    private final Consumer<String> retention;
    /** No two runs at once, whichever thread runs them. */
    private final ReentrantLock running = new ReentrantLock();
    /** Guarded by {@code this}: machines owed a run, the queue's thread busy, closed. */
    private final Set<String> owed = new LinkedHashSet<>();
    private boolean draining;
    private boolean closed;
    /**
     * The machines whose sweep has run whole in this process ({@code Retention.sweepOwed}); in memory
     * only, so after a restart every machine's first run sweeps again, which is what a crash between
     * a run's steps needs.
     */
    final Set<String> swept = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** What this process's sweeps left for later ones: when they may look at less than every block. */
    final SweepBacklog backlog = new SweepBacklog();

    /** @param retention one run for a machine; must not throw */
    RetentionQueue(Consumer<String> retention) {
        this.retention = retention;
    }

    /** Runs a machine's retention on the calling thread, after any run under way. */
    void runNow(String machine) {
        running.lock();
        try {
            retention.accept(machine);
        } finally {
            running.unlock();
        }
    }

    /**
     * Owes {@code machine} a run on the queue's thread and returns at once. After {@link #close},
     * nothing is run: the machine's next commit runs it.
     */
    synchronized void owe(String machine) {
        if (closed) {
            return;
        }
        owed.add(machine);
        if (!draining) {
            draining = true;
            Thread t = new Thread(this::drain, "lifeboat-retention");
            t.setDaemon(true); // close waits for a run under way; an exiting JVM does not have to
            t.start();
        }
    }

    /** Runs the owed machines until none is left (or the queue is closed). */
    private void drain() {
        while (true) {
            String machine;
            synchronized (this) {
                if (owed.isEmpty() || closed) {
                    draining = false;
                    notifyAll();
                    return;
                }
                Iterator<String> first = owed.iterator();
                machine = first.next();
                first.remove();
            }
            runNow(machine);
        }
    }

    /**
     * Waits until no run is owed or under way on the queue's thread.
     *
     * @return false when {@code timeout} passed first
     */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (draining) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /**
     * Runs nothing more and waits for a run under way to end (the repository closes its files after
     * this). Machines still owed are dropped: their next commit runs retention.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            owed.clear();
        }
        try {
            awaitIdle(Duration.ofMinutes(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
