package io.lifeboat.repository;

/**
 * Commits a point sent as a {@link ManifestDelta} of its parent: reads the parent's manifest chunk
 * by chunk through a {@link DeltaMerge} and hands the result to {@link PointCommitter#commitBuilt},
 * which checks it once as it goes by (every rule of a whole manifest, every block stored for the
 * machine), cuts it into chunks and stores them; once the parent is read, the result's
 * {@link ManifestDigest} must equal the agent's, and only then is the point committed (blocks
 * durable first, as for any point). The point is stored in the ordinary format; nothing records
 * that it came from a delta. A refused delta leaves only chunks no point names, which retention
 * collects.
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
        PointInfo parent = parent(repository, machine, delta.parent());
        if (!parent.source().equals(delta.header().source()) || parent.kind() != delta.header().kind()) {
            throw new DeltaRefusedException(DeltaRefusedException.Reason.UNKNOWN_PARENT, "parent point " + parent.id()
                    + " is of source " + parent.source() + " (" + parent.kind() + "), not " + delta.header().source()
                    + " (" + delta.header().kind() + ")");
        }
        return repository.committer(machine).commitBuilt(machine, delta.header(), out -> merge(repository, machine, parent, delta, out),
                meta);
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
            // a damaged parent must not hold the agent up (a 500 is retried): it sends the whole manifest
            throw new DeltaRefusedException(DeltaRefusedException.Reason.UNKNOWN_PARENT, "parent point " + parent.id()
                    + " cannot be read (" + e.getMessage() + "; `lifeboat verify` tells more)");
        }
        if (parentHeader.blockSize() != delta.header().blockSize()) {
            throw new DeltaRefusedException(DeltaRefusedException.Reason.UNKNOWN_PARENT, "parent point " + parent.id()
                    + " was cut in blocks of " + parentHeader.blockSize() + " bytes, the delta in "
                    + delta.header().blockSize());
        }
        merge.finish();
        String built = digest.hex();
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
