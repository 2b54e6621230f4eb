package io.lifeboat.repository;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How a {@link Repository} behaves; immutable. Start from {@link #defaults()} and change what you need.
 *
 * @param packTargetBytes a batch of blocks is written as packs of about this size
 * @param maxBlockBytes   the largest block accepted (uncompressed); also the decompression bound
 * @param readOnly        open without the writer lock and refuse every change (points, verify, failover)
 * @param pruneGrace      blocks uploaded (or confirmed present) within this time are never pruned,
 *                        even when no point names them yet: they belong to a point being uploaded
 * @param clock           the time source (injected by tests)
 * @param policy          the vault's storage policy (retention, lock period, free-space reserve),
 *                        asked again at every commit and prune, so a serving vault follows a changed
 *                        policy without a restart; a supplier that throws stops retention (nothing is
 *                        deleted) and the commit still succeeds
 * @param pruneMargin     on a store shared by several writer nodes, the prune rule's safety margin: a
 *                        pack younger than this is never dropped (its ownership record may still be
 *                        on its way from another node), and a dropped pack's files are deleted no
 *                        sooner than this after the prune that dropped it; longer than any node takes
 *                        from checking a commit to creating its point
 * @param tableDir        the local folder for the block index and ownership tables ({@link BlockTable}):
 *                        memory-mapped files, unlinked as soon as they are mapped, so they need a real
 *                        disk (not a RAM-backed {@code tmpfs}) with about 85-170 bytes per stored block
 *                        and per owner; null means the JVM's temporary folder. The vault passes
 *                        {@code VAULT/cache}
 * @param onlyMachines    null to load every machine's ownership records (the default); otherwise a
 *                        partial open for a failover: only these machines' records are read, so the
 *                        open costs what the machines restored own, not what the vault holds. Only a
 *                        read-only open may be partial ({@link Repository#open} refuses the rest), and
 *                        asking it about another machine's blocks fails naming the machine
 */
public record RepositoryOptions(int packTargetBytes, int maxBlockBytes, boolean readOnly, Duration pruneGrace,
        Clock clock, Supplier<StoragePolicy> policy, Duration pruneMargin, Path tableDir, Set<String> onlyMachines) {
    public static final int DEFAULT_PACK_TARGET_BYTES = 16 << 20;
    public static final int DEFAULT_MAX_BLOCK_BYTES = 16 << 20;
    public static final Duration DEFAULT_PRUNE_GRACE = Duration.ofHours(6);
    public static final Duration DEFAULT_PRUNE_MARGIN = Duration.ofHours(1);

    public RepositoryOptions {
        if (packTargetBytes < 1 || maxBlockBytes < 1) {
            throw new IllegalArgumentException("pack and block sizes must be positive");
        }
        if (pruneGrace == null || pruneGrace.isNegative() || clock == null || policy == null || pruneMargin == null
                || pruneMargin.isNegative()) {
            throw new IllegalArgumentException("pruneGrace, pruneMargin, clock and policy are required");
        }
        if (onlyMachines != null) {
            if (onlyMachines.isEmpty() || onlyMachines.stream().anyMatch(m -> m == null || m.isEmpty())) {
                throw new IllegalArgumentException("a partial open names at least one machine, none of them empty: "
                        + onlyMachines);
            }
            onlyMachines = Set.copyOf(onlyMachines);
        }
    }

    /** Every option as given, loading every machine's ownership records (no {@link #onlyMachines}). */
    public RepositoryOptions(int packTargetBytes, int maxBlockBytes, boolean readOnly, Duration pruneGrace,
            Clock clock, Supplier<StoragePolicy> policy, Duration pruneMargin, Path tableDir) {
        this(packTargetBytes, maxBlockBytes, readOnly, pruneGrace, clock, policy, pruneMargin, tableDir, null);
    }

    /** True when only some machines' ownership records are loaded ({@link #onlyMachines}). */
    public boolean partial() {
        return onlyMachines != null;
    }

    /**
     * A partial open that loads the ownership records of these machines only (a failover of them);
     * the options must also be read-only by the time the repository opens.
     */
    public RepositoryOptions withOnlyMachines(Collection<String> machines) {
        return new RepositoryOptions(packTargetBytes, maxBlockBytes, readOnly, pruneGrace, clock, policy, pruneMargin,
                tableDir, machines == null ? null : Set.copyOf(machines));
    }

    public static RepositoryOptions defaults() {
        return new RepositoryOptions(DEFAULT_PACK_TARGET_BYTES, DEFAULT_MAX_BLOCK_BYTES, false, DEFAULT_PRUNE_GRACE,
                Clock.systemUTC(), () -> StoragePolicy.DEFAULT, DEFAULT_PRUNE_MARGIN, null);
    }

    public static RepositoryOptions readOnlyDefaults() {
        return defaults().withReadOnly(true);
    }

    /**
     * Keeps only the newest {@code n} points of each source, with no lock period and no free-space
     * reserve (tests that exercise pruning, and tools that want the old fixed count).
     */
    public RepositoryOptions withKeepNewest(int n) {
        return withPolicy(new StoragePolicy(RetentionPolicy.keepLast(n), Map.of(), Duration.ZERO, 0));
    }

    public RepositoryOptions withPolicy(StoragePolicy p) {
        return withPolicy(() -> p);
    }

    public RepositoryOptions withPolicy(Supplier<StoragePolicy> p) {
        return new RepositoryOptions(packTargetBytes, maxBlockBytes, readOnly, pruneGrace, clock, p, pruneMargin, tableDir, onlyMachines);
    }

    public RepositoryOptions withPackTargetBytes(int n) {
        return new RepositoryOptions(n, maxBlockBytes, readOnly, pruneGrace, clock, policy, pruneMargin, tableDir, onlyMachines);
    }

    public RepositoryOptions withMaxBlockBytes(int n) {
        return new RepositoryOptions(packTargetBytes, n, readOnly, pruneGrace, clock, policy, pruneMargin, tableDir, onlyMachines);
    }

    public RepositoryOptions withReadOnly(boolean ro) {
        return new RepositoryOptions(packTargetBytes, maxBlockBytes, ro, pruneGrace, clock, policy, pruneMargin, tableDir, onlyMachines);
    }

    public RepositoryOptions withPruneGrace(Duration d) {
        return new RepositoryOptions(packTargetBytes, maxBlockBytes, readOnly, d, clock, policy, pruneMargin, tableDir, onlyMachines);
    }

    public RepositoryOptions withPruneMargin(Duration d) {
        return new RepositoryOptions(packTargetBytes, maxBlockBytes, readOnly, pruneGrace, clock, policy, d, tableDir, onlyMachines);
    }

    public RepositoryOptions withTableDir(Path dir) {
        return new RepositoryOptions(packTargetBytes, maxBlockBytes, readOnly, pruneGrace, clock, policy, pruneMargin, dir, onlyMachines);
    }

    /** {@link #tableDir}, or the JVM's temporary folder when none was given. */
    public Path tableFolder() {
        return tableDir != null ? tableDir : Path.of(System.getProperty("java.io.tmpdir"));
    }

    public RepositoryOptions withClock(Clock c) {
        return new RepositoryOptions(packTargetBytes, maxBlockBytes, readOnly, pruneGrace, c, policy, pruneMargin, tableDir, onlyMachines);
    }
}
