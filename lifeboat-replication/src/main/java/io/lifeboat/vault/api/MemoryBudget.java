package io.lifeboat.vault.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A share of the vault's heap that requests take before they hold a large thing in memory (a
 * gathered body, the tree of nodes a JSON body parses into) and give back when done. It bounds what
 * many requests at once can hold: without it, a hundred connections each sending a 64 MiB body, or
 * a few JSON bodies each parsing into a gigabyte of nodes, would take the heap and stop the vault
 * for every machine.
 *
 * <p>Two bounds: the whole budget, and a cap per key (a machine's name), so that one machine, a
 * hostile one or one with many processes, holds at most its cap and the others keep their way in.
 * Requests that do not fit wait, first come first served: a waiter blocked only by its own key's cap
 * is passed over, one blocked by the whole budget stops the queue (so small requests do not starve
 * a large one). A request larger than its key's cap can never fit and is refused at once.
 *
 * <p>Waiting is by callback ({@link #acquire}), so an event loop can park a request (its body
 * unread: TCP's flow control holds the sender back) without blocking a thread; a worker thread may
 * wait instead ({@link #acquireWithin}).
 */
public final class MemoryBudget {
    private final long total;
    private final long perKey;
    private long used;
    private final Map<String, Long> usedBy = new HashMap<>();
    private final ArrayDeque<Grant> waiting = new ArrayDeque<>();

    /**
     * @param total  the bytes all requests may hold at once
     * @param perKey the bytes one key may hold at once (at most {@code total})
     */
    public MemoryBudget(long total, long perKey) {
        if (total <= 0 || perKey <= 0 || perKey > total) {
            throw new IllegalArgumentException("a budget of " + total + " bytes, " + perKey + " per key");
        }
        this.total = total;
        this.perKey = perKey;
    }

    /** A budget of {@code share} of this JVM's largest heap, a key holding at most {@code keyShare} of it. */
    public static MemoryBudget ofHeap(double share, double keyShare, long atLeast) {
        long t = Math.max(atLeast, (long) (Runtime.getRuntime().maxMemory() * share));
        return new MemoryBudget(t, Math.max(atLeast, (long) (t * keyShare)));
    }

    public long total() {
        return total;
    }

    /** The most one key may hold: a request for more is refused. */
    public long perKey() {
        return perKey;
    }

    /** The bytes held now (for tests and the metrics). */
    public synchronized long used() {
        return used;
    }

    /** Requests waiting now. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /**
     * Asks for {@code bytes} for {@code key}. {@code granted} runs once they are held: at once on this
     * thread when they fit now, else later on the thread whose release made room.
     *
     * @throws IllegalArgumentException when {@code bytes} is more than {@link #perKey}: it can never fit
     */
    public Grant acquire(String key, long bytes, Runnable granted) {
        if (bytes > perKey) {
            throw new IllegalArgumentException(bytes + " bytes are more than the " + perKey + " one caller may hold");
        }
        Grant g = new Grant(key, Math.max(0, bytes), granted);
        boolean now;
        synchronized (this) {
            // nothing asked (a request without a body) is never held back behind anyone
            now = g.bytes == 0 || fits(g) && noOneAheadWaitsForTheWholeBudget();
            if (now) {
                take(g);
            } else {
                waiting.add(g);
            }
        }
        if (now) {
            granted.run();
        }
        return g;
    }

    /**
     * {@link #acquire} for a thread that may block (a worker): waits at most {@code timeoutMillis}
     * for the bytes, and leaves the line if they do not come.
     *
     * @return the held grant, or null when the time ran out
     */
    public Grant acquireWithin(String key, long bytes, long timeoutMillis) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Grant g = acquire(key, bytes, held::countDown);
        boolean in = false;
        try {
            in = held.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } finally {
            if (!in) {
                g.release(); // left the line, or (granted just now) gave the bytes back
            }
        }
        return in ? g : null;
    }

    /** True unless a waiter is held back by the whole budget (those held back by their key's cap may be passed). */
    private boolean noOneAheadWaitsForTheWholeBudget() {
        for (Grant w : waiting) {
            if (used + w.bytes > total) {
                return false;
            }
        }
        return true;
    }

    private boolean fits(Grant g) {
        return used + g.bytes <= total && usedBy.getOrDefault(g.key, 0L) + g.bytes <= perKey;
    }

    private void take(Grant g) {
        used += g.bytes;
        usedBy.merge(g.key, g.bytes, Long::sum);
        g.state = Grant.HELD;
    }

    private void giveBack(Grant g) {
        List<Grant> ready = new ArrayList<>();
        synchronized (this) {
            if (g.state == Grant.HELD) {
                used -= g.bytes;
                usedBy.computeIfPresent(g.key, (k, v) -> v == g.bytes ? null : v - g.bytes);
            } else if (g.state == Grant.WAITING) {
                waiting.remove(g);
            }
            g.state = Grant.GONE;
            for (Iterator<Grant> it = waiting.iterator(); it.hasNext(); ) {
                Grant w = it.next();
                if (used + w.bytes > total) {
                    break; // the head of the line waits for the whole budget: no one overtakes it
                }
                if (fits(w)) {
                    it.remove();
                    take(w);
                    ready.add(w);
                }
            }
        }
        ready.forEach(w -> w.granted.run());
    }

    /** One request's share: held, or waiting for room. */
    public final class Grant {
        static final int WAITING = 0;
        static final int HELD = 1;
        static final int GONE = 2;
        private final String key;
        private final long bytes;
        private final Runnable granted;
        private int state = WAITING;

        private Grant(String key, long bytes, Runnable granted) {
            this.key = key;
            this.bytes = bytes;
            this.granted = granted;
        }

        /**
         * Gives the bytes back, or leaves the line if they were not granted yet. Idempotent: the
         * second call does nothing.
         */
        public void release() {
            giveBack(this);
        }

        /** True once the bytes are held (and until released). */
        public boolean held() {
            synchronized (MemoryBudget.this) {
                return state == HELD;
            }
        }
    }
}
