package io.lifeboat.repository;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.LifeboatException.Kind;
import java.io.IOException;

/**
 * Opens a {@link Repository} ({@link Repository#open} is the contract): its block tables, then the
 * config file (created on a writable first open, its format version checked), the writer's lock or
 * the readers' shared lock, then the loading of points and packs ({@link RepositoryLoader}). What was
 * taken is released again when a later step fails. A partial open ({@link RepositoryOptions#onlyMachines})
 * that is not read-only is refused before anything is taken.
 */
final class RepositoryOpener {
    private RepositoryOpener() {
    }

    static Repository open(Backend backend, RepositoryOptions options) {
        if (options.partial() && !options.readOnly()) {
            // a writer that did not load every machine's blocks could prune or sweep blocks it does not know of
            throw new RepositoryException(Kind.USAGE, "cannot open the repository at " + backend.location()
                    + " for writing with only machine(s) " + new java.util.TreeSet<>(options.onlyMachines())
                    + " loaded: a partial open is for reading (a failover); open it whole to change it");
        }
        BlockStore blocks; // its tables first: a folder that cannot hold them fails before any lock is taken
        try {
            blocks = new BlockStore(backend, options);
        } catch (java.io.UncheckedIOException e) {
            throw Repository.storage("open the repository at " + backend.location(), new IOException(e.getMessage(), e.getCause()));
        }
        try {
            RepositoryLock lock = null;
            ReaderGate gate = ReaderGate.of(backend);
            ReaderGate.Ticket reading = null;
            if (!options.readOnly()) {
                ensureConfig(backend, options);
                lock = RepositoryLock.isShared(backend) ? RepositoryLock.join(backend, options.clock())
                        : RepositoryLock.acquire(backend, options.clock().instant());
                backend.removeTemporaries();
                gate.prepare();
            } else if (backend.size(Handle.CONFIG).isPresent()) {
                checkConfig(backend);
                reading = gate.enter();
            }
            Repository r = new Repository(backend, options, lock, gate, reading, blocks);
            if (lock != null && lock.shared()) {
                r.refresh.enable();
            }
            try {
                new RepositoryLoader(r).load();
            } catch (RuntimeException | IOException e) {
                r.close();
                throw e;
            }
            return r;
        } catch (IOException e) {
            blocks.close();
            throw Repository.storage("open the repository at " + backend.location(), e);
        } catch (RuntimeException e) {
            blocks.close();
            throw e;
        }
    }

    static void ensureConfig(Backend backend, RepositoryOptions options) throws IOException {
        if (backend.size(Handle.CONFIG).isEmpty()) {
            String id = BlockId.of(java.util.UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
            backend.create(Handle.CONFIG, RepositoryFiles.config(id, options.clock().instant()));
        }
        checkConfig(backend);
    }

    private static void checkConfig(Backend backend) throws IOException {
        int version;
        try {
            version = RepositoryFiles.configVersion(backend.read(Handle.CONFIG));
        } catch (LifeboatException e) {
            throw new RepositoryException(Kind.USAGE, "the repository config at " + backend.location()
                    + "/config is unreadable: " + e.getMessage());
        }
        if (version == 1) {
            throw new RepositoryException(Kind.USAGE, "the repository at " + backend.location() + " has format version 1"
                    + " (whole manifests in point files); this Lifeboat reads version " + RepositoryFiles.VERSION
                    + ": fail over what you need with the Lifeboat that wrote it, then start a new vault folder"
                    + " (see docs/repository-format.md, \"Format versions\")");
        }
        if (version != RepositoryFiles.VERSION) {
            throw new RepositoryException(Kind.USAGE, "the repository at " + backend.location() + " has format version "
                    + version + "; this Lifeboat reads version " + RepositoryFiles.VERSION
                    + (version > RepositoryFiles.VERSION ? ": it was written by a newer Lifeboat; open it with that version (nothing was changed)" : ""));
        }
    }
}
