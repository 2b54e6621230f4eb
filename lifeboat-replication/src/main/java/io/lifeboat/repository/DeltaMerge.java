package io.lifeboat.repository;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a {@link ManifestDelta} to its parent's manifest as the parent streams by (chunk by
 * chunk, {@link ManifestVisitor}), handing the new manifest to {@code out} in the same order: for a
 * tree, the delta's entries merged in path order in place of the parent's of the same path (or as
 * new ones), removed paths dropped; for a one-entry source, the parent's blocks with the changed
 * positions replaced, cut or extended to the new size. Memory stays the delta plus a chunk.
 * {@link #finish} reports what the parent could not satisfy (a removed path that was not there, a
 * position past the parent's end that the delta does not give).
 */
final class DeltaMerge implements ManifestVisitor {
    private final ManifestDelta delta;
    private final ManifestVisitor out;
    private final int blockSize;
    // tree
    private int nextEntry;
    private final Set<String> toRemove;
    private final Set<String> removedSeen = new HashSet<>();
    /** The parent's current entry is replaced or removed: its blocks are not passed on. */
    private boolean skipping;
    // one entry
    private boolean entrySeen;
    private long position;
    private int nextChange;
    private final long positions;

    DeltaMerge(ManifestDelta delta, ManifestVisitor out) {
        this.delta = delta;
        this.out = out;
        this.blockSize = delta.header().blockSize();
        this.toRemove = new HashSet<>(delta.removed());
        this.positions = delta.file() == null ? 0 : delta.file().positions(blockSize);
    }

    @Override
    public void entry(Entry e) {
        if (delta.file() != null) {
            fileEntry(e);
            return;
        }
        List<Entry> entries = delta.entries();
        while (nextEntry < entries.size() && ManifestCheck.comparePaths(entries.get(nextEntry).path(), e.path()) < 0) {
            emit(entries.get(nextEntry++));
        }
        if (toRemove.contains(e.path())) {
            removedSeen.add(e.path());
            skipping = true;
        } else if (nextEntry < entries.size() && entries.get(nextEntry).path().equals(e.path())) {
            emit(entries.get(nextEntry++));
            skipping = true;
        } else {
            out.entry(e);
            skipping = false;
        }
    }

    @Override
    public void block(BlockId id, int length) {
        if (delta.file() != null) {
            fileBlocks(1, id, length);
        } else if (!skipping) {
            out.block(id, length);
        }
    }

    @Override
    public void zeros(long count, int length) {
        if (delta.file() != null) {
            fileBlocks(count, null, length);
        } else if (!skipping) {
            out.zeros(count, length);
        }
    }

    /** Passes on what the delta adds after the parent's last entry, and checks the delta was satisfied. */
    void finish() {
        if (delta.file() != null) {
            if (!entrySeen) {
                throw ManifestDelta.bad("parent point " + delta.parent() + " has no entry \"\" to apply block changes to");
            }
            while (position < positions) {
                List<ManifestDelta.Change> changes = delta.file().changes();
                if (nextChange >= changes.size() || changes.get(nextChange).index() != position) {
                    throw ManifestDelta.bad("delta: block position " + position + " is past the end of parent point "
                            + delta.parent() + " and not given by the delta");
                }
                emit(changes.get(nextChange++).block());
                position++;
            }
            return;
        }
        while (nextEntry < delta.entries().size()) {
            emit(delta.entries().get(nextEntry++));
        }
        for (String p : delta.removed()) {
            if (!removedSeen.contains(p)) {
                throw ManifestDelta.bad("delta removes \"" + p + "\", which is not in parent point " + delta.parent());
            }
        }
    }

    private void emit(Entry e) {
        out.entry(new Entry(e.path(), e.type(), e.mode(), e.mtimeNanos(), e.size(), e.linkTarget(), List.of()));
        for (BlockRef b : e.blocks()) {
            emit(b);
        }
    }

    private void emit(BlockRef b) {
        if (b.isZero()) {
            out.zeros(1, b.length());
        } else {
            out.block(b.id(), b.length());
        }
    }

    private void fileEntry(Entry e) {
        if (entrySeen || !e.path().isEmpty()) {
            throw ManifestDelta.bad("parent point " + delta.parent() + " is not one entry \"\": block changes do not apply");
        }
        entrySeen = true;
        ManifestDelta.FileChange f = delta.file();
        out.entry(new Entry("", e.type(), f.mode(), f.mtimeNanos(), f.size(), null, List.of()));
    }

    /** {@code count} parent blocks at {@link #position} (all zeros when {@code id} is null): changed ones replaced. */
    private void fileBlocks(long count, BlockId id, int length) {
        List<ManifestDelta.Change> changes = delta.file().changes();
        long end = Math.min(position + count, positions);
        while (position < end) {
            long nextChanged = nextChange < changes.size() ? changes.get(nextChange).index() : Long.MAX_VALUE;
            if (nextChanged == position) {
                emit(changes.get(nextChange++).block());
                position++;
                continue;
            }
            long run = Math.min(end, nextChanged) - position;
            if (id == null) {
                out.zeros(run, length);
            } else {
                out.block(id, length); // a block run is always one block
            }
            position += run;
        }
        // parent blocks past the new end (the source shrank) are dropped: end stops at positions
    }
}
