package io.lifeboat.repository;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.LifeboatException.Kind;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The vault's storage policy, set by its operator only (never by a machine): how points are kept,
 * how long none may be deleted, and how much free disk new uploads must leave.
 *
 * @param retention         the policy of every machine without one of its own
 * @param machines          per-machine policies, by machine name
 * @param lockPeriod        no point younger than this is deleted by retention, whatever the policy or
 *                          however often a machine commits; only {@code lifeboat prune} on the vault
 *                          can delete one earlier
 * @param freeSpaceReserve  bytes of free disk below which uploads of new blocks are refused (commits
 *                          that need no new block, and pruning, still work)
 */
public record StoragePolicy(RetentionPolicy retention, Map<String, RetentionPolicy> machines, Duration lockPeriod,
        long freeSpaceReserve) {
    public static final Duration DEFAULT_LOCK_PERIOD = Duration.ofHours(24);
    public static final long DEFAULT_FREE_SPACE_RESERVE = 1L << 30;

    public static final StoragePolicy DEFAULT = new StoragePolicy(RetentionPolicy.DEFAULT, Map.of(),
            DEFAULT_LOCK_PERIOD, DEFAULT_FREE_SPACE_RESERVE);

    public StoragePolicy {
        if (retention == null) {
            throw new LifeboatException(Kind.USAGE, "a storage policy needs a retention policy");
        }
        machines = Map.copyOf(new TreeMap<>(machines == null ? Map.of() : machines));
        machines.keySet().forEach(Repository::checkMachine);
        if (lockPeriod == null) {
            throw new LifeboatException(Kind.USAGE, "a storage policy needs a lock period");
        }
        Durations.check(lockPeriod, "the lock period");
        if (freeSpaceReserve < 0) {
            throw new LifeboatException(Kind.USAGE, "the free-space reserve cannot be negative: " + freeSpaceReserve);
        }
    }

    /** The retention policy of {@code machine}: its own, or the vault's default. */
    public RetentionPolicy retentionOf(String machine) {
        return machines.getOrDefault(machine, retention);
    }

    public StoragePolicy withRetention(RetentionPolicy p) {
        return new StoragePolicy(p, machines, lockPeriod, freeSpaceReserve);
    }

    /** With {@code machine}'s own policy set, or removed when {@code p} is null. */
    public StoragePolicy withMachine(String machine, RetentionPolicy p) {
        Map<String, RetentionPolicy> m = new TreeMap<>(machines);
        if (p == null) {
            m.remove(machine);
        } else {
            m.put(machine, p);
        }
        return new StoragePolicy(retention, m, lockPeriod, freeSpaceReserve);
    }

    public StoragePolicy withLockPeriod(Duration d) {
        return new StoragePolicy(retention, machines, d, freeSpaceReserve);
    }

    public StoragePolicy withFreeSpaceReserve(long bytes) {
        return new StoragePolicy(retention, machines, lockPeriod, bytes);
    }
}
