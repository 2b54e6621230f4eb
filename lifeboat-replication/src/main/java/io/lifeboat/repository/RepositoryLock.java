package io.lifeboat.repository;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.WriterLease; // javadoc
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-writer lock. On a store with a local folder it is an operating-system lock on
 * {@code write.lock} in that folder ({@link OsFileLock}): the kernel frees it when the writer dies,
 * wherever and however (a crash, kill -9, a container that came back under another host name, a pid
 * reused after a reboot), so a dead vault never blocks the next one. The writer also leaves a record
 * {@code locks/<token>} (host, pid, since) that only serves to name the holder in the error another
 * opener gets; once the OS lock is ours, every record left there is a dead writer's and is removed.
 *
 * <p>A store without a local folder but with a {@link WriterLease} (Azure Blob: a lease that expires
 * unless renewed) is <b>shared</b>: any number of nodes write it at once, each with a {@link
 * WriterPresence} (its record and heartbeat) instead of an exclusive lock, and only pruning is
 * exclusive, under the lease ({@link PruneLease}). A store with neither has only the records: a
 * record of a process that is gone (same host, pid not running, or this process but no longer open)
 * is stale and removed; any other record refuses the open. Read-only opens take no writer lock (see
 * {@link ReaderGate}).
 */
final class RepositoryLock {
    static final String LOCK_FILE = "write.lock";
    /** Tokens of the locks this JVM holds now; a lock file of this pid with another token is stale. */
    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

    private final Backend backend;
    private final Handle handle;
    private final String token;
    private final OsFileLock os;
    /** On a shared store: this node's presence instead of an exclusive lock (then handle is null). */
    private final WriterPresence presence;

    private RepositoryLock(Backend backend, Handle handle, String token, OsFileLock os, WriterPresence presence) {
        this.backend = backend;
        this.handle = handle;
        this.token = token;
        this.os = os;
        this.presence = presence;
    }

    /** True when the store is shared by several writer nodes (see the class notes). */
    boolean shared() {
        return presence != null;
    }

    /** True when {@code backend} is written by several nodes at once: no local folder, a lease for pruning. */
    static boolean isShared(Backend backend) {
        return backend.localFolder().isEmpty() && backend.writerLease().isPresent();
    }

    /** Opens a shared store for writing: this node's presence record and heartbeat, no exclusive lock. */
    static RepositoryLock join(Backend backend, java.time.Clock clock) throws IOException {
        String token = UUID.randomUUID().toString().replace("-", "");
        WriterPresence p = WriterPresence.start(backend, clock, hostName(), ProcessHandle.current().pid(), token);
        HELD.add(token);
        return new RepositoryLock(backend, null, token, null, p);
    }

    static RepositoryLock acquire(Backend backend, Instant now) throws IOException {
        String host = hostName();
        long pid = ProcessHandle.current().pid();
        Optional<Path> folder = backend.localFolder();
        OsFileLock os = null;
        if (folder.isPresent()) {
            os = OsFileLock.tryLock(folder.get().resolve(LOCK_FILE), false).orElse(null);
            if (os == null) {
                throw refused(backend, records(backend));
            }
        }
        try {
            for (String name : backend.list(FileType.LOCKS)) {
                Handle h = new Handle(FileType.LOCKS, name);
                RepositoryFiles.Lock other = record(backend, h);
                if (os != null || other == null || isStale(other, host, pid)) {
                    backend.delete(h); // under the OS lock every record is a dead writer's; an unreadable one protects nothing
                } else {
                    throw refused(backend, List.of(other));
                }
            }
            String token = UUID.randomUUID().toString().replace("-", "");
            Handle h = new Handle(FileType.LOCKS, token);
            backend.create(h, RepositoryFiles.lock(new RepositoryFiles.Lock(host, pid, token, now)));
            HELD.add(token);
            return new RepositoryLock(backend, h, token, os, null);
        } catch (IOException | RuntimeException e) {
            if (os != null) {
                os.close();
            }
            throw e;
        }
    }

    private static RepositoryFiles.Lock record(Backend backend, Handle h) throws IOException {
        try {
            return RepositoryFiles.lock(backend.read(h));
        } catch (LifeboatException | NoSuchFileException | java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static List<RepositoryFiles.Lock> records(Backend backend) throws IOException {
        List<RepositoryFiles.Lock> out = new ArrayList<>();
        for (String name : backend.list(FileType.LOCKS)) {
            RepositoryFiles.Lock l = record(backend, new Handle(FileType.LOCKS, name));
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    private static RepositoryException refused(Backend backend, List<RepositoryFiles.Lock> holders) {
        String who = holders.isEmpty() ? "another process (it left no lock record)"
                : holders.stream().map(l -> "process " + l.pid() + " on " + l.host() + " since " + l.created())
                        .reduce((a, b) -> a + " or " + b).orElseThrow();
        return new RepositoryException(LifeboatException.Kind.FAILED, "the repository at " + backend.location()
                + " is open for writing by " + who + "; stop that vault first (a vault that died frees it by itself)");
    }

    private static boolean isStale(RepositoryFiles.Lock l, String host, long pid) {
        if (!l.host().equals(host)) {
            return false;
        }
        if (l.pid() == pid) {
            return !HELD.contains(l.token());
        }
        return ProcessHandle.of(l.pid()).map(p -> !p.isAlive()).orElse(true);
    }

    void release() throws IOException {
        HELD.remove(token);
        if (presence != null) {
            presence.close();
            return;
        }
        try {
            backend.delete(handle);
        } finally {
            if (os != null) {
                os.close();
            }
        }
    }

    /** Lets go as a killed process would: the kernel's lock is freed, the record stays (tests of crash recovery). */
    void abandon() {
        HELD.remove(token);
        if (presence != null) {
            presence.abandon();
            return;
        }
        if (os != null) {
            try {
                os.close();
            } catch (IOException e) {
                // nothing to keep: a dead process's lock is gone too
            }
        }
    }

    private static volatile String hostName;

    /** This machine's name, looked up once (the lookup can take a noticeable time). */
    private static String hostName() {
        String h = hostName;
        if (h == null) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "localhost";
            }
            hostName = h;
        }
        return h;
    }
}
