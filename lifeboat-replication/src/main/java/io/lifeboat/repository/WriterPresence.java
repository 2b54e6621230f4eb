package io.lifeboat.repository;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A writer node's presence on a store shared by several nodes: instead of one exclusive writer lock,
 * every node that has the repository open for writing keeps a record {@code locks/<token>-<n>} (host,
 * pid, token, time) and writes a fresh one every {@link #BEAT} (create-only, like every file; the
 * previous one is deleted after), so the newest record of a token says when that node was last alive.
 * Nothing waits for or is refused by a presence: it tells an operator (and a pruner's log) which
 * nodes write, and lets the prune lease holder remove the records of nodes dead for {@link #STALE}.
 * Pruning's exclusion is the prune lease ({@link PruneLease}), not this.
 */
final class WriterPresence implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriterPresence.class);
    static final Duration BEAT = Duration.ofSeconds(20);
    /** A node whose newest record is older than this is taken for dead. */
    static final Duration STALE = BEAT.multipliedBy(6);

    private final Backend backend;
    private final Clock clock;
    private final String host;
    private final long pid;
    private final String token;
    private final ScheduledExecutorService beats;
    private long beat;

    private WriterPresence(Backend backend, Clock clock, String host, long pid, String token) {
        this.backend = backend;
        this.clock = clock;
        this.host = host;
        this.pid = pid;
        this.token = token;
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lifeboat-writer-presence");
            t.setDaemon(true);
            return t;
        });
    }

    /** Writes this node's first record and starts the heartbeat. */
    static WriterPresence start(Backend backend, Clock clock, String host, long pid, String token) throws IOException {
        WriterPresence p = new WriterPresence(backend, clock, host, pid, token);
        p.write(0);
        p.beats.scheduleWithFixedDelay(p::beat, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
        return p;
    }

    String token() {
        return token;
    }

    private void write(long n) throws IOException {
        backend.create(new Handle(FileType.LOCKS, token + "-" + n),
                RepositoryFiles.lock(new RepositoryFiles.Lock(host, pid, token, clock.instant())));
    }

    private synchronized void beat() {
        try {
            write(beat + 1);
            backend.delete(new Handle(FileType.LOCKS, token + "-" + beat));
            beat++;
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: could not write this node's presence record ({}); it is tried again in {} s",
                    backend.location(), e.toString(), BEAT.toSeconds());
        }
    }

    /** Stops the heartbeat and removes this node's record. */
    @Override
    public synchronized void close() throws IOException {
        beats.shutdownNow();
        backend.delete(new Handle(FileType.LOCKS, token + "-" + beat));
    }

    /** Stops the heartbeat and leaves the record, as a killed process would (tests of crash recovery). */
    synchronized void abandon() {
        beats.shutdownNow();
    }

    /** A node as its newest record shows it. */
    record Node(String host, long pid, String token, Instant seen) {
    }

    /** Every node with a record, newest record per token; unreadable records are skipped. */
    static List<Node> nodes(Backend backend) throws IOException {
        Map<String, Node> newest = new HashMap<>();
        for (String name : backend.list(FileType.LOCKS)) {
            RepositoryFiles.Lock l = read(backend, name);
            if (l != null) {
                newest.merge(l.token(), new Node(l.host(), l.pid(), l.token(), l.created()),
                        (a, b) -> a.seen().isAfter(b.seen()) ? a : b);
            }
        }
        return new ArrayList<>(newest.values());
    }

    /**
     * Removes the records of nodes not seen for {@link #STALE} (called by the prune lease holder only);
     * returns how many nodes are alive.
     */
    static int removeStale(Backend backend, Instant now) throws IOException {
        Map<String, Instant> newest = new HashMap<>();
        Map<String, List<String>> names = new HashMap<>();
        for (String name : backend.list(FileType.LOCKS)) {
            RepositoryFiles.Lock l = read(backend, name);
            String token = l == null ? name : l.token();
            names.computeIfAbsent(token, t -> new ArrayList<>()).add(name);
            Instant seen = l == null ? Instant.EPOCH : l.created();
            newest.merge(token, seen, (a, b) -> a.isAfter(b) ? a : b);
        }
        int alive = 0;
        for (Map.Entry<String, Instant> e : newest.entrySet()) {
            if (e.getValue().isBefore(now.minus(STALE))) {
                for (String name : names.get(e.getKey())) {
                    backend.delete(new Handle(FileType.LOCKS, name));
                }
            } else {
                alive++;
            }
        }
        return alive;
    }

    private static RepositoryFiles.Lock read(Backend backend, String name) throws IOException {
        try {
            return RepositoryFiles.lock(backend.read(new Handle(FileType.LOCKS, name)));
        } catch (NoSuchFileException e) {
            return null; // replaced by a newer heartbeat while we listed
        } catch (LifeboatException | java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
