package io.lifeboat.repository;

import io.lifeboat.repository.backend.Backend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps readers' view of the repository whole while a vault serves beside them. A read-only open
 * ({@code verify}, {@code failover}, {@code points}, in other processes) holds a shared OS lock on
 * {@code read.lock} from before it lists the files until it closes; the writer deletes pack and index
 * files only while it holds that lock exclusively, which it only tries for (never waits). So a pack a
 * reader may need is never deleted under it: a repack writes the new pack and index at once, and the
 * old ones wait in {@link #pending} until no reader is in (the next commit or prune tries again).
 * Point and ownership files may still go; the loader lists points first and loads again when a file
 * it listed has vanished, and a reader keeps the manifests it loaded.
 *
 * <p>The kernel drops a dead reader's lock. On a store without a local folder there is no gate:
 * deletions happen at once and readers fall back to looking twice before calling a pack missing.
 * Within one JVM the holders are counted here (the kernel lock is per process).
 */
final class ReaderGate {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderGate.class);
    static final String LOCK_FILE = "read.lock";
    /** Per lock file: the shared OS lock this JVM holds for its readers, and how many are in. */
    private static final Map<Path, Shared> SHARED = new HashMap<>();

    private static final class Shared {
        final OsFileLock lock;
        int readers;

        Shared(OsFileLock lock) {
            this.lock = lock;
        }
    }

    /** A reader's place inside the gate; {@link #close} leaves. */
    interface Ticket extends AutoCloseable {
        @Override
        void close();
    }

    private final Path file;
    /** Packs the writer has dropped from its index but not yet deleted, because a reader was in. */
    final Set<String> pending = ConcurrentHashMap.newKeySet();

    private ReaderGate(Path file) {
        this.file = file;
    }

    static ReaderGate of(Backend backend) {
        Optional<Path> folder = backend.localFolder();
        return new ReaderGate(folder.map(f -> f.resolve(LOCK_FILE).toAbsolutePath().normalize()).orElse(null));
    }

    /** Creates the lock file readers share (the writer does, when it opens: readers create nothing). */
    void prepare() throws IOException {
        if (file != null) {
            OsFileLock.tryLock(file, false).ifPresent(l -> {
                try {
                    l.close();
                } catch (IOException e) {
                    LOG.debug("could not release {}: {}", file, e.toString());
                }
            });
        }
    }

    /** Enters as a reader: waits while a writer is deleting, then keeps deletions out until closed. */
    Ticket enter() {
        if (file == null) {
            return () -> { };
        }
        synchronized (SHARED) {
            Shared s = SHARED.get(file);
            if (s == null) {
                try {
                    s = new Shared(OsFileLock.lock(file, true));
                } catch (IOException e) {
                    // a read-only copy of a vault, say: readers still look twice before calling a pack missing
                    LOG.debug("no reader lock on {} ({}); reading without it", file, e.toString());
                    return () -> { };
                }
                SHARED.put(file, s);
            }
            s.readers++;
        }
        return this::leave;
    }

    private void leave() {
        synchronized (SHARED) {
            Shared s = SHARED.get(file);
            if (s != null && --s.readers == 0) {
                SHARED.remove(file);
                try {
                    s.lock.close();
                } catch (IOException e) {
                    LOG.debug("could not release the reader lock {}: {}", file, e.toString());
                }
            }
        }
    }

    /** Something that deletes files. */
    interface Deletion {
        void run() throws IOException;
    }

    /**
     * Runs {@code deletion} now, with readers held out, and returns true; or returns false without
     * running it when a reader is in (of this JVM or another process).
     */
    boolean whenNoReader(Deletion deletion) throws IOException {
        if (file == null) {
            deletion.run();
            return true;
        }
        synchronized (SHARED) {
            if (SHARED.containsKey(file)) {
                return false;
            }
            Optional<OsFileLock> exclusive = OsFileLock.tryLock(file, false);
            if (exclusive.isEmpty()) {
                return false;
            }
            try (OsFileLock held = exclusive.get()) {
                deletion.run();
            }
            return true;
        }
    }
}
