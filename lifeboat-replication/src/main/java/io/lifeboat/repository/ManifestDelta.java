package io.lifeboat.repository;

import io.lifeboat.tls.LifeboatException.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A manifest told as the changes from its parent point (issue 14): for a folder tree the entries
 * added or changed, whole, and the paths removed; for a file, image or device the one entry's new
 * metadata and the block positions that changed. {@code sha256} is the {@link ManifestDigest} of
 * the whole manifest it stands for. {@link DeltaMerge} applies it to the parent's manifest.
 *
 * <p>The constructor checks what the delta can show alone (its form for the source kind, paths
 * increasing and never both changed and removed, positions increasing and within the new size);
 * what needs the parent (a removed path that is not there) is found by the merge.
 */
public record ManifestDelta(String parent, ManifestHeader header, String sha256, List<Entry> entries,
        List<String> removed, FileChange file) {

    /** Block {@code index} of the one entry is now {@code block} (an all-zero ref for zeros). */
    public record Change(long index, BlockRef block) {
    }

    /** The one entry of a file, image or device source: its new metadata and changed positions. */
    public record FileChange(int mode, long mtimeNanos, long size, List<Change> changes) {
        public FileChange {
            changes = List.copyOf(changes);
        }

        /** Block positions of an entry of {@code size} bytes cut at {@code blockSize}. */
        long positions(int blockSize) {
            return size == 0 ? 0 : (size - 1) / blockSize + 1;
        }
    }

    public ManifestDelta {
        if (parent == null || parent.isBlank() || header == null || sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw bad("a delta needs a parent point, a manifest header and the new manifest's SHA-256 (64 hex digits)");
        }
        entries = List.copyOf(entries);
        removed = List.copyOf(removed);
        if (header.kind() == SourceKind.DIRECTORY) {
            if (file != null) {
                throw bad("a delta of a folder tree lists entries and removed paths, not block changes of one file");
            }
            checkPaths(entries, removed);
        } else {
            if (file == null || !entries.isEmpty() || !removed.isEmpty()) {
                throw bad("a delta of a " + header.kind() + " source gives its one entry's block changes, not entries");
            }
            checkChanges(file, header.blockSize());
        }
    }

    /**
     * The delta from {@code parent} (the manifest of point {@code parentId}) to {@code child}, or null
     * when the two cannot be related (other source, kind or block size, or a one-entry source whose
     * manifest is not one entry "").
     */
    public static ManifestDelta between(String parentId, Manifest parent, Manifest child) {
        if (!parent.source().equals(child.source()) || parent.kind() != child.kind()
                || parent.blockSize() != child.blockSize()) {
            return null;
        }
        ManifestHeader header = ManifestHeader.of(child);
        String digest = ManifestDigest.of(child);
        if (child.kind() == SourceKind.DIRECTORY) {
            Map<String, Entry> before = new HashMap<>();
            parent.entries().forEach(e -> before.put(e.path(), e));
            List<Entry> changed = new ArrayList<>();
            for (Entry e : child.entries()) {
                Entry was = before.remove(e.path());
                if (was != e && !e.equals(was)) { // a kept file's entry is the parent's own object
                    changed.add(e);
                }
            }
            List<String> gone = new ArrayList<>(before.keySet());
            gone.sort(ManifestCheck::comparePaths);
            return new ManifestDelta(parentId, header, digest, changed, gone, null);
        }
        if (parent.entries().size() != 1 || child.entries().size() != 1 || !child.entries().get(0).path().isEmpty()) {
            return null;
        }
        List<BlockRef> was = parent.entries().get(0).blocks();
        Entry now = child.entries().get(0);
        List<Change> changes = new ArrayList<>();
        List<BlockRef> blocks = now.blocks();
        int kept = Math.min(blocks.size(), was.size());
        for (int i = 0; i < blocks.size(); i++) {
            BlockRef b = blocks.get(i);
            if (i >= kept || !same(b, was.get(i))) {
                changes.add(new Change(i, b));
            }
        }
        return new ManifestDelta(parentId, header, digest, List.of(), List.of(),
                new FileChange(now.mode(), now.mtimeNanos(), now.size(), changes));
    }

    /**
     * The delta that changes nothing, from point {@code parentId} to {@code manifest}, which the
     * caller knows to be that point's own manifest (an image kept by its stamp): built from the
     * manifest's header and its one entry's metadata, without comparing its blocks to the parent's.
     * {@code sha256} is the manifest's {@link ManifestDigest}, computed or kept from when the point
     * was committed; the vault merges the delta into the parent it holds and refuses a result whose
     * digest differs, as for any delta. Null when {@code manifest} is of a one-entry kind but not one
     * entry "" (as {@link #between} says).
     */
    public static ManifestDelta unchanged(String parentId, Manifest manifest, String sha256) {
        ManifestHeader header = ManifestHeader.of(manifest);
        if (manifest.kind() == SourceKind.DIRECTORY) {
            return new ManifestDelta(parentId, header, sha256, List.of(), List.of(), null);
        }
        if (manifest.entries().size() != 1 || !manifest.entries().get(0).path().isEmpty()) {
            return null;
        }
        Entry e = manifest.entries().get(0);
        return new ManifestDelta(parentId, header, sha256, List.of(), List.of(),
                new FileChange(e.mode(), e.mtimeNanos(), e.size(), List.of()));
    }

    /**
     * Whether two refs name the same block, as {@code BlockRef.equals} says, without a record's
     * equals: that goes through an invokedynamic bootstrap, slow while a fresh agent still runs this
     * loop interpreted over a 1 GiB image's 32,768 positions. With {@link ManifestDigest}'s buffered
     * records it took an unchanged rescan's delta from 60-113 to 45-59 ms of the agent's CPU (issue 14,
     * session 12).
     */
    private static boolean same(BlockRef a, BlockRef b) {
        if (a == b) {
            return true;
        }
        if (a.length() != b.length()) {
            return false;
        }
        BlockId x = a.id();
        BlockId y = b.id();
        return x == null ? y == null : x.equals(y);
    }

    /** Whether the delta changes no entry and no block (the entry's metadata may still differ from the parent's). */
    public boolean changesNothing() {
        return file != null ? file.changes().isEmpty() : entries.isEmpty() && removed.isEmpty();
    }

    /** What the delta carries, in entries and block references: to weigh it against the whole manifest. */
    public long weight() {
        if (file != null) {
            return 1 + file.changes().size();
        }
        long w = removed.size();
        for (Entry e : entries) {
            w += 1 + e.blocks().size();
        }
        return w;
    }

    private static void checkPaths(List<Entry> entries, List<String> removed) {
        Set<String> paths = new HashSet<>();
        String last = null;
        for (Entry e : entries) {
            if (last != null && ManifestCheck.comparePaths(last, e.path()) >= 0) {
                throw bad("delta entry \"" + e.path() + "\" is not after \"" + last + "\" (paths must increase, each once)");
            }
            last = e.path();
            paths.add(e.path());
        }
        last = null;
        for (String p : removed) {
            if (last != null && ManifestCheck.comparePaths(last, p) >= 0) {
                throw bad("removed path \"" + p + "\" is not after \"" + last + "\" (paths must increase, each once)");
            }
            if (paths.contains(p)) {
                throw bad("path \"" + p + "\" is both changed and removed in the delta");
            }
            if (p.isEmpty()) {
                throw bad("the delta removes the root \"\" of the tree");
            }
            last = p;
        }
    }

    private static void checkChanges(FileChange file, int blockSize) {
        if (file.size() < 0 || blockSize <= 0) {
            throw bad("delta: size " + file.size() + " or block size " + blockSize + " out of range");
        }
        long positions = file.positions(blockSize);
        long last = -1;
        for (Change c : file.changes()) {
            if (c.index() <= last) {
                throw bad("delta: block position " + c.index() + " is not after " + last
                        + " (positions must increase, each once)");
            }
            if (c.index() >= positions) {
                throw bad("delta: block position " + c.index() + " is past the end of an entry of " + file.size()
                        + " bytes (" + positions + " blocks of " + blockSize + ")");
            }
            last = c.index();
        }
    }

    static RepositoryException bad(String message) {
        return new RepositoryException(Kind.USAGE, message);
    }
}
