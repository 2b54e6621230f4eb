package io.lifeboat.vault.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The machines of a vault on its own folder, one JSON file each under {@code state/machines/}. Files
 * are replaced atomically, and read on every authorisation, so {@code vault revoke} run while
 * {@code vault serve} runs takes effect on the machine's next request without a restart.
 * Read-modify-write holds a file lock ({@code .lock}) so the two processes cannot undo each other.
 */
public final class LocalMachineRegistry implements MachineRegistry {
    /** The OS lock is per process: threads (and registries) of one JVM queue here first. */
    private static final java.util.concurrent.ConcurrentHashMap<Path, java.util.concurrent.locks.ReentrantLock> IN_PROCESS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path dir;
    private final Clock clock;

    public LocalMachineRegistry(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    @Override
    public Optional<MachineRecord> find(String name) {
        Path f = file(name);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return Optional.of(JsonFiles.read(f, MachineRecord.class));
    }

    @Override
    public List<MachineRecord> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith("."))
                    .map(p -> JsonFiles.read(p, MachineRecord.class))
                    .sorted(Comparator.comparing(MachineRecord::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public MachineRecord enrolled(String name, IssuedCertificate cert) throws IOException {
        return locked(name, old -> MachineChanges.enrolled(name, cert, clock.instant()));
    }

    @Override
    public MachineRecord renewed(String name, IssuedCertificate cert) throws IOException {
        return locked(name, old -> MachineChanges.renewed(name, old, cert, clock.instant()));
    }

    @Override
    public MachineRecord revoke(String name) throws IOException {
        return locked(name, old -> MachineChanges.revoked(name, old, clock.instant()));
    }

    /** Reads, changes and writes one record under the folder's file lock ({@code vault revoke} beside a running server). */
    private MachineRecord locked(String name, java.util.function.Function<Optional<MachineRecord>, MachineRecord> change)
            throws IOException {
        Files.createDirectories(dir);
        java.util.concurrent.locks.ReentrantLock local = IN_PROCESS.computeIfAbsent(dir.toAbsolutePath().normalize(),
                d -> new java.util.concurrent.locks.ReentrantLock());
        local.lock();
        try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock held = ch.lock();
            try {
                MachineRecord r = change.apply(find(name));
                JsonFiles.write(file(name), r, false);
                return r;
            } finally {
                held.release();
            }
        } finally {
            local.unlock();
        }
    }

    private Path file(String name) {
        return dir.resolve(name + ".json");
    }
}
