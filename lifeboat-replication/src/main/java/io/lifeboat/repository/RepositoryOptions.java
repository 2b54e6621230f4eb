package io.lifeboat.repository;

import java.time.Clock;
import java.time.Duration;

/**
 * How a {@link Repository} behaves; immutable. Start from {@link #defaults()} and change what you need.
 *
 * @param keepNewest      recovery points kept per machine (older ones are removed after each commit)
 * @param packTargetBytes a batch of blocks is written as packs of about this size
 * @param maxBlockBytes   the largest block accepted (uncompressed); also the decompression bound
 * @param readOnly        open without a lock and refuse every change (points, verify, test failover)
 * @param pruneGrace      blocks uploaded (or confirmed present) within this time are never pruned,
 *                        even when no point names them yet: they belong to a point being uploaded
 * @param clock           the time source (injected by tests)
 */
public record RepositoryOptions(int keepNewest, int packTargetBytes, int maxBlockBytes, boolean readOnly,
        Duration pruneGrace, Clock clock) {
    public static final int DEFAULT_KEEP_NEWEST = 24;
    public static final int DEFAULT_PACK_TARGET_BYTES = 16 << 20;
    public static final int DEFAULT_MAX_BLOCK_BYTES = 16 << 20;
    public static final Duration DEFAULT_PRUNE_GRACE = Duration.ofHours(6);

    public RepositoryOptions {
        if (keepNewest < 1) {
            throw new IllegalArgumentException("keepNewest must be at least 1: " + keepNewest);
        }
        if (packTargetBytes < 1 || maxBlockBytes < 1) {
            throw new IllegalArgumentException("pack and block sizes must be positive");
        }
        if (pruneGrace == null || pruneGrace.isNegative() || clock == null) {
            throw new IllegalArgumentException("pruneGrace and clock are required");
        }
    }

    public static RepositoryOptions defaults() {
        return new RepositoryOptions(DEFAULT_KEEP_NEWEST, DEFAULT_PACK_TARGET_BYTES, DEFAULT_MAX_BLOCK_BYTES,
                false, DEFAULT_PRUNE_GRACE, Clock.systemUTC());
    }

    public static RepositoryOptions readOnlyDefaults() {
        return defaults().withReadOnly(true);
    }

    public RepositoryOptions withKeepNewest(int n) {
        return new RepositoryOptions(n, packTargetBytes, maxBlockBytes, readOnly, pruneGrace, clock);
    }

    public RepositoryOptions withPackTargetBytes(int n) {
        return new RepositoryOptions(keepNewest, n, maxBlockBytes, readOnly, pruneGrace, clock);
    }

    public RepositoryOptions withMaxBlockBytes(int n) {
        return new RepositoryOptions(keepNewest, packTargetBytes, n, readOnly, pruneGrace, clock);
    }

    public RepositoryOptions withReadOnly(boolean ro) {
        return new RepositoryOptions(keepNewest, packTargetBytes, maxBlockBytes, ro, pruneGrace, clock);
    }

    public RepositoryOptions withPruneGrace(Duration d) {
        return new RepositoryOptions(keepNewest, packTargetBytes, maxBlockBytes, readOnly, d, clock);
    }

    public RepositoryOptions withClock(Clock c) {
        return new RepositoryOptions(keepNewest, packTargetBytes, maxBlockBytes, readOnly, pruneGrace, c);
    }
}
