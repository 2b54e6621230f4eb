package io.lifeboat.repository;

import java.util.ArrayList;
import java.util.List;

/**
 * Commits a point sent as a {@link ManifestDelta} of its parent: reads the parent's manifest chunk
 * by chunk through a {@link DeltaMerge}, cuts the result into chunks ({@link ManifestChunker}) and
 * stores each as a chunk sent by the agent would be ({@link Repository#putManifestChunk}: checked,
 * every block stored for the machine), compares the result's {@link ManifestDigest} with the
 * agent's, and then commits the chunks as any point ({@link Repository#commitPoint(String,
 * ManifestHeader, List, PointMeta)}: the whole manifest checked again, blocks durable first). The
 * point is stored in the ordinary format; nothing records that it came from a delta. A refused
 * delta leaves only chunks no point names, which retention collects.
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
        List<String> chunks = new ArrayList<>();
        ManifestChunker chunker = new ManifestChunker(stored -> chunks.add(repository.putManifestChunk(machine, stored)));
        ManifestDigest digest = new ManifestDigest();
        DeltaMerge merge = new DeltaMerge(delta, new Tee(chunker, digest));
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
        chunker.finish();
        String built = digest.hex();
        if (!built.equals(delta.sha256())) {
            throw new DeltaRefusedException(DeltaRefusedException.Reason.MISMATCH, "the manifest built from parent point "
                    + parent.id() + " and the delta has SHA-256 " + built + ", not the " + delta.sha256()
                    + " the agent read; send the whole manifest");
        }
        return repository.commitPoint(machine, delta.header(), chunks, meta);
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

    /** Hands a manifest to two visitors. */
    private record Tee(ManifestVisitor a, ManifestVisitor b) implements ManifestVisitor {
        @Override
        public void entry(Entry e) {
            a.entry(e);
            b.entry(e);
        }

        @Override
        public void block(BlockId id, int length) {
            a.block(id, length);
            b.block(id, length);
        }

        @Override
        public void zeros(long count, int length) {
            a.zeros(count, length);
            b.zeros(count, length);
        }
    }
}
