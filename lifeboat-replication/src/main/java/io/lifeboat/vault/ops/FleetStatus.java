package io.lifeboat.vault.ops;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every machine's health at one instant, machines in name order. */
public record FleetStatus(Instant at, List<MachineStatus> machines) {

    public FleetStatus {
        machines = List.copyOf(machines);
    }

    public Optional<MachineStatus> machine(String name) {
        return machines.stream().filter(m -> m.machine().equals(name)).findFirst();
    }

    public List<SourceStatus> sources() {
        return machines.stream().flatMap(m -> m.sources().stream()).toList();
    }
}
