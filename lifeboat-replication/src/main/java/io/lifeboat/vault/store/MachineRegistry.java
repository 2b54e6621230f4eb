package io.lifeboat.vault.store;

import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The machines a vault knows, one JSON file each under {@code state/machines/}. Files are replaced
 * atomically, and read on every authorisation, so {@code vault revoke} run while {@code vault serve}
 * runs takes effect on the machine's next request without a restart.
 */
public final class MachineRegistry {
    private final Path dir;
    private final Clock clock;

    public MachineRegistry(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** Why a presented certificate is not accepted. */
    public enum Refusal { UNKNOWN, REVOKED, NOT_CURRENT }

    public Optional<MachineRecord> find(String name) {
        Path f = file(name);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return Optional.of(JsonFiles.read(f, MachineRecord.class));
    }

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

    /** Empty when {@code name}'s certificate {@code fingerprint} may call the vault now. */
    public Optional<Refusal> check(String name, String fingerprint) {
        Optional<MachineRecord> r = find(name);
        if (r.isEmpty()) {
            return Optional.of(Refusal.UNKNOWN);
        }
        if (r.get().status() == MachineRecord.Status.REVOKED) {
            return Optional.of(Refusal.REVOKED);
        }
        return r.get().holds(fingerprint) ? Optional.empty() : Optional.of(Refusal.NOT_CURRENT);
    }

    /** A (re-)enrolment: the machine is active again with only this certificate. */
    public synchronized MachineRecord enrolled(String name, IssuedCertificate cert) throws IOException {
        return locked(() -> {
            MachineRecord r = new MachineRecord(name, MachineRecord.Status.ACTIVE, clock.instant(), null, List.of(cert));
            JsonFiles.write(file(name), r, false);
            return r;
        });
    }

    /** A step that reads and writes machine files. */
    private interface Update {
        MachineRecord run() throws IOException;
    }

    /** Serialises read-modify-write across processes ({@code vault revoke} beside a running server). */
    private MachineRecord locked(Update update) throws IOException {
        Files.createDirectories(dir);
        try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock held = ch.lock();
            try {
                return update.run();
            } finally {
                held.release();
            }
        }
    }

    /** A renewal: adds the new certificate, forgets expired ones. */
    public synchronized MachineRecord renewed(String name, IssuedCertificate cert) throws IOException {
        return locked(() -> renewedLocked(name, cert));
    }

    private MachineRecord renewedLocked(String name, IssuedCertificate cert) throws IOException {
        MachineRecord old = find(name).orElseThrow(() -> new LifeboatException(
                LifeboatException.Kind.IDENTITY_REJECTED, "machine '" + name + "' is not enrolled"));
        List<IssuedCertificate> certs = new ArrayList<>();
        for (IssuedCertificate c : old.certificates()) {
            if (c.notAfter().isAfter(clock.instant())) {
                certs.add(c);
            }
        }
        certs.add(cert);
        MachineRecord r = new MachineRecord(name, old.status(), old.enrolled(), old.revoked(), certs);
        JsonFiles.write(file(name), r, false);
        return r;
    }

    /** @throws LifeboatException USAGE when the vault does not know {@code name} */
    public synchronized MachineRecord revoke(String name) throws IOException {
        return locked(() -> revokeLocked(name));
    }

    private MachineRecord revokeLocked(String name) throws IOException {
        MachineRecord old = find(name).orElseThrow(() -> new LifeboatException(LifeboatException.Kind.USAGE,
                "the vault knows no machine '" + name + "' (see `lifeboat vault machines`)"));
        MachineRecord r = new MachineRecord(name, MachineRecord.Status.REVOKED, old.enrolled(),
                old.revoked() != null ? old.revoked() : clock.instant(), old.certificates());
        JsonFiles.write(file(name), r, false);
        return r;
    }

    private Path file(String name) {
        return dir.resolve(name + ".json");
    }
}
