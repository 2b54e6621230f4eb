package io.lifeboat.repository;

import java.util.Optional;
import java.util.Set;

/**
 * What an operator's {@code lifeboat prune} asks for.
 *
 * @param machine           only this machine's points (empty: every machine)
 * @param points            ids of points to delete whatever the policy and the lock period says
 * @param ignoreLockPeriod  apply the policy to points younger than the lock period too
 * @param dryRun            decide and report, delete nothing
 */
public record PruneRequest(Optional<String> machine, Set<String> points, boolean ignoreLockPeriod, boolean dryRun) {
    public PruneRequest {
        machine.ifPresent(Repository::checkMachine);
        points = Set.copyOf(points);
    }

    /** Prune every machine by the vault's policy, respecting the lock period. */
    public static PruneRequest byPolicy(boolean dryRun) {
        return new PruneRequest(Optional.empty(), Set.of(), false, dryRun);
    }
}
