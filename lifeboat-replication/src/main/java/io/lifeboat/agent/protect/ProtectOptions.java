package io.lifeboat.agent.protect;

import io.lifeboat.agent.snapshot.SnapshotProvider;
import io.lifeboat.replication.protocol.BlockSealer;
import io.lifeboat.replication.protocol.Limits;

/**
 * How a protect pass cuts and sends a source.
 *
 * @param blockSize        fixed block size. The default, 32 KiB, is chosen for small incremental
 *                         passes: a change of n bytes at an arbitrary offset dirties at most
 *                         ceil(n / blockSize) + 1 blocks, so a 64 KiB write that is not aligned costs
 *                         3 blocks = 96 KiB (1.5x) at 32 KiB, but 2 blocks = 128 KiB (2x) at 64 KiB and
 *                         8 MiB at 4 MiB. Smaller blocks lower that factor further (5 x 16 KiB = 1.25x)
 *                         but double the per-block costs that every pass pays for the whole source:
 *                         32 bytes per block in the "which do you lack?" query and about 40 bytes per
 *                         block in the manifest, i.e. ~0.2% of the source at 32 KiB, ~0.4% at 16 KiB.
 *                         32 KiB keeps a 1%-changed, unaligned incremental pass near 1.7% of the source.
 * @param windowBlocks     blocks read ahead and queried together ("which of these do you lack?")
 * @param batchBytes       target size of one upload request body
 * @param compressionLevel zstd level for block bodies
 * @param snapshot         how the source is made to hold still before it is read; {@link
 *                         SnapshotProvider#NONE} reads it live, and its points are labelled {@code live}
 */
public record ProtectOptions(int blockSize, int windowBlocks, int batchBytes, int compressionLevel,
        RetryPolicy retry, SnapshotProvider snapshot) {
    public static final int DEFAULT_BLOCK_SIZE = 32 * 1024;

    public ProtectOptions {
        if (blockSize < 4096 || blockSize > Limits.MAX_BLOCK_BYTES) {
            throw new IllegalArgumentException("block size must be 4 KiB .. 4 MiB: " + blockSize);
        }
        if (windowBlocks < 1 || windowBlocks > Limits.MAX_QUERY_IDS) {
            throw new IllegalArgumentException("window must be 1.." + Limits.MAX_QUERY_IDS + " blocks");
        }
        if (snapshot == null) {
            throw new IllegalArgumentException("a snapshot provider is needed (SnapshotProvider.NONE reads live)");
        }
        if (batchBytes < blockSize || batchBytes > Limits.MAX_BATCH_BYTES / 2) {
            throw new IllegalArgumentException("batch must hold a block and stay under half the vault's limit");
        }
    }

    public static ProtectOptions defaults() {
        return new ProtectOptions(DEFAULT_BLOCK_SIZE, 1024, 16 << 20, BlockSealer.DEFAULT_LEVEL, RetryPolicy.defaults(),
                SnapshotProvider.NONE);
    }

    public ProtectOptions withRetry(RetryPolicy r) {
        return new ProtectOptions(blockSize, windowBlocks, batchBytes, compressionLevel, r, snapshot);
    }

    public ProtectOptions withBlockSize(int size) {
        return new ProtectOptions(size, windowBlocks, Math.max(batchBytes, size), compressionLevel, retry, snapshot);
    }

    /** These options with another window and batch size ({@link PipelineMemory#fit} sizes them to the heap). */
    public ProtectOptions withPipeline(int windowBlocks, int batchBytes) {
        return new ProtectOptions(blockSize, windowBlocks, batchBytes, compressionLevel, retry, snapshot);
    }

    public ProtectOptions withSnapshot(SnapshotProvider s) {
        return new ProtectOptions(blockSize, windowBlocks, batchBytes, compressionLevel, retry, s);
    }
}
