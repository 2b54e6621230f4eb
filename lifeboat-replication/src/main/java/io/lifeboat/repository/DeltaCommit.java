package io.lifeboat.repository;

import io.lifeboat.repository.RepositoryFiles.PointFile;
import java.io.IOException;
import java.util.List;

/**
 * Commits a point sent as a {@link ManifestDelta} of its parent: reads the parent's manifest chunk
 * by chunk through a {@link DeltaMerge} and hands the result to {@link PointCommitter#commitBuilt},
 * which checks it once as it goes by (every rule of a whole manifest, every block stored for the
 * machine), cuts it into chunks and stores them; once the parent is read, the result's
 * {@link ManifestDigest} must equal the agent's, and only then is the point committed (blocks
 * durable first, as for any point). The point is stored in the ordinary format; nothing records
 * that it came from a delta. A refused delta leaves only chunks no point names, which retention
 * collects.
 *
 * <p>A delta that changes nothing (an unchanged rescan) is first tried against the parent's chunks
 * as they are ({@link PointCommitter#commitOnStored}): the parent's manifest is read once, through
 * the merge (so the delta is held to the same rules), the digest and the whole-manifest check; when
 * the result is the parent's manifest itself (its digest equals the parent's own), the new point
 * names the parent's chunks and no chunk is written. When it is not (the entry's mtime, mode or
 * size moved), the commit is made as any other, reading the parent again. Only on a store with
 * one writer (see {@link #commit}).
 */
public final class DeltaCommit {
    private DeltaCommit() {
    }

    /**
     * @throws DeltaRefusedException  the parent is not a point of {@code machine}, or the digest differs
     * @throws RepositoryException    (USAGE) a delta the parent does not satisfy, or a result that breaks the rules
     * @throws MissingBlocksException naming a block the machine has not stored
     */
    public static PointInfo commit(Repository repository, String machine, ManifestDelta delta, PointMeta meta) {
        return commit(repository, machine, delta, meta, RetentionTiming.BEFORE_RETURN);
    }

    /** {@link #commit(Repository, String, ManifestDelta, PointMeta)}, with retention run when {@code timing} says. */
    public static PointInfo commit(Repository repository, String machine, ManifestDelta delta, PointMeta meta,
            RetentionTiming timing) {
        PointInfo parent = parent(repository, machine, delta.parent());
        if (!parent.source().equals(delta.header().source()) || parent.kind() != delta.header().kind()) {
            throw new DeltaRefusedException(DeltaRefusedException.Reason.UNKNOWN_PARENT, "parent point " + parent.id()
                    + " is of source " + parent.source() + " (" + parent.kind() + "), not " + delta.header().source()
                    + " (" + delta.header().kind() + ")");
        }
        PointCommitter committer = repository.committer(machine);
        // Not on a store several nodes share: another node's sweep, not knowing this point yet, may
        // take the parent's chunks for unnamed (they are as old as the parent) and delete them;
        // new chunks are young, and the grace period keeps them from such a sweep.
        if (delta.changesNothing() && !repository.refresh.enabled()) {
            try {
                return committer.commitOnStored(machine, delta.header(), out -> parentAsIs(repository, machine, parent, delta, out),
                        meta, timing);
            } catch (NotTheParent e) {
                // the entry's metadata moved: the parent's chunks do not hold this manifest; new ones are built below
            }
        }
        return committer.commitBuilt(machine, delta.header(), out -> merge(repository, machine, parent, delta, out),
                meta, timing);
    }

    /**
     * Merges a delta that changes nothing into the parent's manifest as it is read, into {@code out},
     * and checks the result's digest as {@link #merge} does; returns the parent's point file (its chunks
     * and block filter are named again) when the result is the parent's own manifest.
     *
     * @throws NotTheParent when it is not (nothing is committed; the caller builds new chunks)
     */
    private static PointFile parentAsIs(Repository repository, String machine, PointInfo parent, ManifestDelta delta,
            ManifestVisitor out) {
        PointFile file;
        try {
            file = repository.manifests.pointFile(machine, parent.id()); // under the commit's lock: retention cannot run
        } catch (NotFoundException e) {
            throw unknown(delta.parent()); // pruned between the lookup and the commit
        } catch (IOException e) {
            throw Repository.storage("read point " + parent.id() + " of machine " + machine, e);
        }
        ManifestDigest before = new ManifestDigest();
        ManifestDigest after = new ManifestDigest();
        DeltaMerge merge = new DeltaMerge(delta, new ManifestTee(out, after));
        try {
            repository.manifests.visit(machine, file, new ManifestTee(before, merge));
        } catch (IntegrityException e) {
            throw damaged(parent, e);
        } catch (IOException e) {
            throw Repository.storage("read the manifest of point " + parent.id() + " of machine " + machine, e);
        }
        checkBlockSize(parent, file.header(), delta);
        merge.finish();
        String built = after.hex();
        checkDigest(parent, delta, built);
        if (!built.equals(before.hex())) {
            throw new NotTheParent();
        }
        return file;
    }

    /** A delta that changes nothing gave a manifest other than its parent's (new metadata of the entry). */
    private static final class NotTheParent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotTheParent() {
            super("the delta's manifest is not its parent's", null, false, false);
        }
    }

    /** Merges the delta into the parent's manifest as it is read, into {@code out}; checks the result's digest. */
    private static void merge(Repository repository, String machine, PointInfo parent, ManifestDelta delta,
            ManifestVisitor out) {
        ManifestDigest digest = new ManifestDigest();
        DeltaMerge merge = new DeltaMerge(delta, new ManifestTee(out, digest));
        ManifestHeader parentHeader;
        try {
            parentHeader = repository.readManifest(machine, parent.id(), merge);
        } catch (NotFoundException e) {
            throw unknown(delta.parent()); // pruned between the lookup and the read
        } catch (IntegrityException e) {
            throw damaged(parent, e);
        }
        checkBlockSize(parent, parentHeader, delta);
        merge.finish();
        checkDigest(parent, delta, digest.hex());
    }

    /** A damaged parent must not hold the agent up (a 500 is retried): it sends the whole manifest. */
    private static DeltaRefusedException damaged(PointInfo parent, IntegrityException e) {
        return new DeltaRefusedException(DeltaRefusedException.Reason.UNKNOWN_PARENT, "parent point " + parent.id()
                + " cannot be read (" + e.getMessage() + "; `lifeboat verify` tells more)");
    }

    private static void checkBlockSize(PointInfo parent, ManifestHeader parentHeader, ManifestDelta delta) {
        if (parentHeader.blockSize() != delta.header().blockSize()) {
            throw new DeltaRefusedException(DeltaRefusedException.Reason.UNKNOWN_PARENT, "parent point " + parent.id()
                    + " was cut in blocks of " + parentHeader.blockSize() + " bytes, the delta in "
                    + delta.header().blockSize());
        }
    }

    private static void checkDigest(PointInfo parent, ManifestDelta delta, String built) {
        if (!built.equals(delta.sha256())) {
            throw new DeltaRefusedException(DeltaRefusedException.Reason.MISMATCH, "the manifest built from parent point "
                    + parent.id() + " and the delta has SHA-256 " + built + ", not the " + delta.sha256()
                    + " the agent read; send the whole manifest");
        }
    }

    /** The parent by its exact id (no prefix, no "latest"), only among {@code machine}'s points. */
    private static PointInfo parent(Repository repository, String machine, String id) {
        try {
            PointInfo p = repository.point(machine, id);
            if (p.id().equals(id)) {
                return p;
            }
        } catch (NotFoundException e) {
            // below
        }
        throw unknown(id);
    }

    private static DeltaRefusedException unknown(String id) {
        return new DeltaRefusedException(DeltaRefusedException.Reason.UNKNOWN_PARENT, "parent point " + id
                + " is not a point of this machine (pruned, or never committed here); send the whole manifest");
    }
}
