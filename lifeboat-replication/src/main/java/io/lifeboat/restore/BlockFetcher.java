package io.lifeboat.restore;

import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.BlockSlices;
import io.lifeboat.repository.IntegrityException;
import io.lifeboat.repository.NotFoundException;
import io.lifeboat.repository.Repository;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the blocks of one point from the repository, each checked against its hash and length before
 * anyone may write it. A block that is damaged or gone fails loudly, naming the block.
 */
final class BlockFetcher {
    private final Repository repo;
    private final String machine;
    private final String pointId;
    /** Blocks fetched and verified so far (counted on the read-ahead thread, read after it is done). */
    final AtomicLong verified = new AtomicLong();
    /** Their bytes (as the point has them, before compression in the vault). */
    final AtomicLong bytes = new AtomicLong();

    BlockFetcher(Repository repo, String machine, String pointId) {
        this.repo = repo;
        this.machine = machine;
        this.pointId = pointId;
    }

    /** The bytes of a non-zero block of {@code path}, verified. */
    byte[] fetch(BlockRef ref, String path) {
        BlockId id = ref.id();
        byte[] data;
        try {
            data = repo.readBlock(machine, id);
        } catch (NotFoundException e) {
            throw new IntegrityException(id, null, "point " + pointId + " of machine " + machine + " needs block " + id
                    + " (of " + shown(path) + ") which is not stored in the vault; nothing wrong was written");
        } catch (IntegrityException e) {
            throw new IntegrityException(id, e.pack(), e.getMessage() + "; failover of " + shown(path)
                    + " stopped before writing it", e);
        }
        // readBlock has re-hashed the bytes against the id; the manifest's length must agree as well
        checkLength(ref, data.length, path);
        verified.incrementAndGet();
        bytes.addAndGet(data.length);
        return data;
    }

    /**
     * The bytes of these non-zero blocks of {@code path}, verified, in order: read in ranges of their
     * packs and hashed as one group (see {@link Repository#readRun}). When one is gone or damaged,
     * the blocks are fetched again one by one, so the error names that block exactly as {@link
     * #fetch} does.
     */
    BlockSlices fetchAll(List<BlockRef> refs, String path) {
        List<BlockId> ids = new ArrayList<>(refs.size());
        for (BlockRef ref : refs) {
            ids.add(ref.id());
        }
        BlockSlices data;
        try {
            data = repo.readRun(machine, ids);
        } catch (NotFoundException | IntegrityException e) {
            for (BlockRef ref : refs) {
                fetch(ref, path); // throws for the first bad block, with its name and path
            }
            throw e; // not reached: a block that failed in the group fails alone too
        }
        long total = 0;
        for (int i = 0; i < refs.size(); i++) {
            checkLength(refs.get(i), data.length(i), path);
            total += data.length(i);
        }
        verified.addAndGet(refs.size());
        bytes.addAndGet(total);
        return data;
    }

    /**
     * {@link #fetchAll} into the caller's buffer: block {@code i} of {@code refs} lands at
     * {@code dest}'s index {@code at[i]}, verified against its id and the point's length there (see
     * {@link Repository#readRunInto}). A damaged block fails naming its pack, the record's offset
     * and {@code path}; a block that is gone fails as {@link #fetch} says it. After a failure
     * {@code dest} must be dropped, not reused.
     */
    void fetchInto(List<BlockRef> refs, String path, ByteBuffer dest, int[] at) {
        List<BlockId> ids = new ArrayList<>(refs.size());
        int[] lengths = new int[refs.size()];
        long total = 0;
        for (int i = 0; i < refs.size(); i++) {
            ids.add(refs.get(i).id());
            lengths[i] = refs.get(i).length();
            total += lengths[i];
        }
        try {
            repo.readRunInto(machine, ids, lengths, dest, at);
        } catch (NotFoundException e) {
            for (BlockRef ref : refs) {
                fetch(ref, path); // throws for the first block that is gone, naming the point and the path
            }
            throw e; // not reached: a block missing in the group is missing alone too
        } catch (IntegrityException e) {
            throw new IntegrityException(e.block(), e.pack(), e.getMessage() + "; failover of " + shown(path)
                    + " stopped before writing it", e);
        }
        verified.addAndGet(refs.size());
        bytes.addAndGet(total);
    }

    private static void checkLength(BlockRef ref, int length, String path) {
        if (length != ref.length()) {
            throw new IntegrityException(ref.id(), null, "block " + ref.id() + " of " + shown(path) + " read back as "
                    + length + " bytes that do not match the point (expected " + ref.length() + ")");
        }
    }

    static String shown(String path) {
        return path.isEmpty() ? "the source" : "\"" + path + "\"";
    }
}
