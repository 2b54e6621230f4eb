package io.lifeboat.vault.ops;

import io.lifeboat.vault.events.EventType;
import io.lifeboat.vault.events.VaultEvent;
import io.lifeboat.vault.store.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces RPO state changes per machine, once per change: it remembers the last RPO health it
 * announced for each machine ({@code V/ops/rpo-state.json}) and emits {@code rpo-warning},
 * {@code rpo-critical} or {@code rpo-ok} only when a machine's health differs from it. A machine
 * seen first while ok is remembered silently; never-protected and revoked machines are not RPO
 * states and are forgotten. Not thread-safe: one timer thread calls {@link #check}.
 */
public final class RpoMonitor {
    private static final Logger LOG = LoggerFactory.getLogger("lifeboat.vault.ops");

    private final Supplier<FleetStatus> fleet;
    private final Consumer<VaultEvent> sink;
    private final Path stateFile;
    private final Map<String, Health> announced;

    public RpoMonitor(Path vaultDir, Supplier<FleetStatus> fleet, Consumer<VaultEvent> sink) {
        this.fleet = fleet;
        this.sink = sink;
        this.stateFile = vaultDir.resolve("ops").resolve("rpo-state.json");
        this.announced = load(stateFile);
    }

    /** The file's form: machine name to health id. */
    record State(Map<String, String> machines) {
    }

    private static Map<String, Health> load(Path f) {
        Map<String, Health> m = new TreeMap<>();
        if (Files.isRegularFile(f)) {
            State s = JsonFiles.read(f, State.class);
            if (s.machines() != null) {
                s.machines().forEach((k, v) -> java.util.Arrays.stream(Health.values())
                        .filter(h -> h.id().equals(v)).findFirst().ifPresent(h -> m.put(k, h)));
            }
        }
        return m;
    }

    /** Evaluates the fleet once and announces what changed; answers the status it judged. */
    public FleetStatus check() {
        FleetStatus status = fleet.get();
        boolean changed = false;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (MachineStatus m : status.machines()) {
            seen.add(m.machine());
            Health now = m.health();
            if (now == Health.NEVER_PROTECTED || now == Health.REVOKED) {
                changed |= announced.remove(m.machine()) != null;
                continue;
            }
            Health before = announced.get(m.machine());
            if (before == now) {
                continue;
            }
            announced.put(m.machine(), now);
            changed = true;
            if (before != null || now != Health.OK) {
                sink.accept(event(status, m));
            }
        }
        changed |= announced.keySet().retainAll(seen);
        if (changed) {
            save();
        }
        return status;
    }

    private static VaultEvent event(FleetStatus status, MachineStatus m) {
        EventType type = switch (m.health()) {
            case WARNING -> EventType.RPO_WARNING;
            case CRITICAL -> EventType.RPO_CRITICAL;
            default -> EventType.RPO_OK;
        };
        SourceStatus worst = m.sources().stream().max(java.util.Comparator.comparing(SourceStatus::rpo)).orElseThrow();
        return VaultEvent.of(status.at(), type, m.machine(),
                "machine " + m.machine() + " RPO is " + m.health().id() + ": newest point of " + worst.source()
                        + " is " + worst.rpo().toSeconds() + " s old (warning at " + m.thresholds().warning().toSeconds()
                        + " s, critical at " + m.thresholds().critical().toSeconds() + " s)",
                "health", m.health().id(), "source", worst.source(),
                "rpoSeconds", Long.toString(worst.rpo().toSeconds()),
                "warningSeconds", Long.toString(m.thresholds().warning().toSeconds()),
                "criticalSeconds", Long.toString(m.thresholds().critical().toSeconds()));
    }

    private void save() {
        Map<String, String> m = new TreeMap<>();
        announced.forEach((k, v) -> m.put(k, v.id()));
        try {
            JsonFiles.write(stateFile, new State(m), false);
        } catch (IOException e) {
            LOG.warn("cannot store the RPO states in {}: {} (a restart may announce them again)", stateFile, e.toString());
        }
    }
}
