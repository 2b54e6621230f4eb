package io.lifeboat.cli.vault;

import io.lifeboat.cli.DurationOption;
import io.lifeboat.cli.SizeOption;
import io.lifeboat.repository.RetentionPolicy;
import io.lifeboat.repository.StoragePolicy;
import io.lifeboat.tls.LifeboatException;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The storage-policy options of {@code vault init} and {@code vault policy}: the retention rules
 * (restic {@code forget} style), the lock period and the free-space reserve. Giving any rule replaces
 * the whole rule set with the rules given (the others off), so what was typed is what holds.
 */
public final class PolicyOptions {
    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the newest N points of each source.")
    Integer keepLast;

    @Option(names = "--keep-hourly", paramLabel = "N", description = "Keep the newest point of each of the newest N hours.")
    Integer keepHourly;

    @Option(names = "--keep-daily", paramLabel = "N", description = "Keep the newest point of each of the newest N days.")
    Integer keepDaily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "Keep the newest point of each of the newest N ISO weeks.")
    Integer keepWeekly;

    @Option(names = "--keep-within", paramLabel = "DURATION", converter = DurationOption.class,
            description = "Keep every point within DURATION of the source's newest (e.g. 24h).")
    Duration keepWithin;

    @Option(names = "--keep-within-hourly", paramLabel = "DURATION", converter = DurationOption.class,
            description = "Keep one point per hour within DURATION of the newest (e.g. 3d).")
    Duration keepWithinHourly;

    @Option(names = "--keep-within-daily", paramLabel = "DURATION", converter = DurationOption.class,
            description = "Keep one point per day within DURATION of the newest (e.g. 15d).")
    Duration keepWithinDaily;

    @Option(names = "--keep-within-weekly", paramLabel = "DURATION", converter = DurationOption.class,
            description = "Keep one point per week within DURATION of the newest.")
    Duration keepWithinWeekly;

    @Option(names = "--lock-period", paramLabel = "DURATION", converter = DurationOption.class,
            description = "No point younger than this is ever deleted by retention (default 24h); vault-wide.")
    Duration lockPeriod;

    @Option(names = "--free-space-reserve", paramLabel = "SIZE", converter = SizeOption.class,
            description = "Refuse uploads of new blocks below this much free disk (default 1GiB); vault-wide.")
    Long freeSpaceReserve;

    /** The rules given, if any were. */
    Optional<RetentionPolicy> retention() {
        if (keepLast == null && keepHourly == null && keepDaily == null && keepWeekly == null && keepWithin == null
                && keepWithinHourly == null && keepWithinDaily == null && keepWithinWeekly == null) {
            return Optional.empty();
        }
        return Optional.of(new RetentionPolicy(n(keepLast), n(keepHourly), n(keepDaily), n(keepWeekly), keepWithin,
                keepWithinHourly, keepWithinDaily, keepWithinWeekly));
    }

    boolean vaultWideGiven() {
        return lockPeriod != null || freeSpaceReserve != null;
    }

    boolean anyGiven() {
        return retention().isPresent() || vaultWideGiven();
    }

    /**
     * {@code base} with these options applied: the rules to {@code machine}'s policy (or the vault's
     * default), the lock period and reserve to the vault.
     */
    StoragePolicy applyTo(StoragePolicy base, Optional<String> machine) {
        if (machine.isPresent() && vaultWideGiven()) {
            throw new LifeboatException(LifeboatException.Kind.USAGE,
                    "--lock-period and --free-space-reserve are the vault's, not a machine's: give them without --machine");
        }
        StoragePolicy p = base;
        Optional<RetentionPolicy> rules = retention();
        if (rules.isPresent()) {
            p = machine.isPresent() ? p.withMachine(machine.get(), rules.get()) : p.withRetention(rules.get());
        }
        if (lockPeriod != null) {
            p = p.withLockPeriod(lockPeriod);
        }
        if (freeSpaceReserve != null) {
            p = p.withFreeSpaceReserve(freeSpaceReserve);
        }
        return p;
    }

    private static int n(Integer v) {
        return v == null ? 0 : v;
    }
}
