package io.lifeboat.repository;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses an upload that would leave less free disk than the policy's reserve, so the vault keeps
 * room to commit points of blocks it has and to prune (which writes small files before deleting).
 * Before refusing, it runs retention over every machine (by policy, the lock period respected; at
 * most once a minute), so a full vault frees what its policy no longer keeps by itself.
 */
final class FreeSpaceReserve {
    private static final Logger LOG = LoggerFactory.getLogger(FreeSpaceReserve.class);

    private final Repository repo;
    /** When retention over every machine last ran to make room (epoch millis). */
    private final AtomicLong lastReclaim = new AtomicLong(Long.MIN_VALUE);

    FreeSpaceReserve(Repository repo) {
        this.repo = repo;
    }

    /** {@link #check(String, long, int)} of a batch of uploads. */
    void check(String machine, List<BlockUpload> uploads) {
        long need = 0;
        for (BlockUpload u : uploads) {
            need += u.length() + Pack.HEADER;
        }
        check(machine, need, uploads.size());
    }

    /**
     * @throws StorageFullException when {@code count} blocks taking {@code need} bytes would cut into the
     *                              reserve even after retention made room
     */
    void check(String machine, long need, int count) {
        long reserve = policy().freeSpaceReserve();
        OptionalLong free = usableSpace();
        if (free.isEmpty() || free.getAsLong() - need >= reserve) {
            return;
        }
        if (reclaim()) {
            free = usableSpace();
            if (free.isEmpty() || free.getAsLong() - need >= reserve) {
                return;
            }
        }
        throw new StorageFullException("upload of " + count + " block(s) of machine " + machine
                + " refused: the vault's disk at " + repo.backend.location() + " has " + mib(free.getAsLong())
                + " free, and the vault keeps " + mib(reserve) + " in reserve; nothing stored was lost, points of"
                + " blocks already stored still commit; free space or prune (`lifeboat prune`) and the agent resumes");
    }

    private OptionalLong usableSpace() {
        try {
            return repo.backend.usableSpace();
        } catch (IOException e) {
            return OptionalLong.empty(); // the store cannot tell; a write that does not fit still fails cleanly
        }
    }

    /** Runs retention over every machine, unless it ran less than a minute ago; true when it ran. */
    private boolean reclaim() {
        long now = repo.options.clock().millis();
        long last = lastReclaim.get();
        if (last != Long.MIN_VALUE && now - last < 60_000 || !lastReclaim.compareAndSet(last, now)) {
            return false;
        }
        try {
            repo.blocks.sync.syncAll();
            PruneReport r = new Retention(repo).prune(PruneRequest.byPolicy(false));
            LOG.warn("the vault's disk at {} is below its free-space reserve: retention removed {} point(s) and {} pack file(s)",
                    repo.backend.location(), r.removed().size(), r.packsDeleted() + r.packsRepacked());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("the vault's disk at {} is below its free-space reserve and retention failed: {}", repo.backend.location(),
                    e.toString());
            return false;
        }
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    /** The vault's storage policy now; when it cannot be read, the defaults (which delete nothing sooner). */
    private StoragePolicy policy() {
        try {
            return repo.options.policy().get();
        } catch (RuntimeException e) {
            LOG.warn("cannot read the vault's storage policy ({}); using the defaults for the free-space reserve", e.getMessage());
            return StoragePolicy.DEFAULT;
        }
    }
}
