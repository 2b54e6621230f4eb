package io.lifeboat.repository;

import java.util.List;

/**
 * What {@link Repository#verify} found: how much it re-hashed and every damaged or missing block with
 * the recovery points that need it. {@link #ok()} when nothing is damaged.
 */
public record VerifyReport(int packsChecked, long blocksChecked, long bytesChecked, List<Damage> damaged,
        List<AffectedPoint> affectedPoints) {

    public VerifyReport {
        damaged = List.copyOf(damaged);
        affectedPoints = List.copyOf(affectedPoints);
    }

    public boolean ok() {
        return damaged.isEmpty();
    }

    /**
     * One block that cannot be read back as stored.
     *
     * @param pack    the pack file ("data/ab12..."), or null when the block is missing altogether
     * @param problem what is wrong, e.g. "hash mismatch", "pack file missing"
     */
    public record Damage(BlockId block, String pack, String problem) {
    }

    /** A recovery point that cannot be restored because it needs damaged blocks. */
    public record AffectedPoint(String machine, String pointId, List<BlockId> blocks) {
        public AffectedPoint {
            blocks = List.copyOf(blocks);
        }
    }
}
