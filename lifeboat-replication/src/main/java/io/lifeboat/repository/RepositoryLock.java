package io.lifeboat.repository;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-writer lock: a file {@code locks/<token>} naming the host and process that opened the
 * repository for writing. A lock of a process that is gone (same host, pid not running, or this
 * process but no longer open) is stale and removed; any other lock refuses the open. Read-only opens
 * take no lock and leave nothing behind.
 */
final class RepositoryLock {
    /** Tokens of the locks this JVM holds now; a lock file of this pid with another token is stale. */
    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

    private final Backend backend;
    private final Handle handle;
    private final String token;

    private RepositoryLock(Backend backend, Handle handle, String token) {
        this.backend = backend;
        this.handle = handle;
        this.token = token;
    }

    static RepositoryLock acquire(Backend backend, Instant now) throws IOException {
        String host = hostName();
        long pid = ProcessHandle.current().pid();
        for (String name : backend.list(FileType.LOCKS)) {
            Handle h = new Handle(FileType.LOCKS, name);
            RepositoryFiles.Lock other;
            try {
                other = RepositoryFiles.lock(backend.read(h));
            } catch (LifeboatException | java.nio.file.NoSuchFileException e) {
                backend.delete(h); // a lock file we cannot read protects nothing
                continue;
            }
            if (isStale(other, host, pid)) {
                backend.delete(h);
                continue;
            }
            throw new RepositoryException(LifeboatException.Kind.FAILED, "the repository at " + backend.location()
                    + " is open for writing by process " + other.pid() + " on " + other.host() + " since "
                    + other.created() + "; stop that vault first (or delete " + h + " if that process is gone)");
        }
        String token = UUID.randomUUID().toString().replace("-", "");
        Handle h = new Handle(FileType.LOCKS, token);
        backend.create(h, RepositoryFiles.lock(new RepositoryFiles.Lock(host, pid, token, now)));
        HELD.add(token);
        return new RepositoryLock(backend, h, token);
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
        backend.delete(handle);
    }

    /** Forgets the lock without deleting its file, as a killed process would (tests of crash recovery). */
    void abandon() {
        HELD.remove(token);
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
