package io.lifeboat.repository;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each pack's live and dead bytes, for {@link Sweep} to drop the packs with nothing live and repack
 * those more dead than live. A block is live when a machine owns it or, for a block no machine owns,
 * when a point names it; that second look, made only when an owned block may lack its record (see
 * {@link Ownership#whole}) or the store is shared, asks each point's block filter, reading a point's
 * manifest only when it has no usable filter ({@link ManifestStore#strikeNamed}).
 *
 * <p>Two ways to count: {@link #whole} walks every indexed block (what finds anything, whatever left
 * it); {@link #of} reads the {@code index/} files of the given packs only: of the packs of the blocks a
 * sweep released (the only packs whose live bytes that sweep made fall), those its {@link PackCounts}
 * may drop or repack, or do not know; what it counts is what the sweep acts on.
 */
final class PackTally {
    /** Counted from some packs' index files ({@link #of}) rather than from every indexed block. */
    final boolean bounded;
    /** Pack → {live bytes, dead bytes}. */
    final Map<String, long[]> bytes = new HashMap<>();
    /**
     * Blocks no machine owns that a point may name (empty unless the points were looked in): by its block
     * filter where usable (so a few it does not name, kept one more sweep), else by its manifest.
     */
    final Set<BlockId> named = new HashSet<>();
    /** A bounded tally: each counted pack's blocks as its index file lists them (else empty). */
    final Map<String, Collection<BlockId>> listed = new HashMap<>();
    /** A bounded tally: the packs whose index file could not be read (not counted: left as they are). */
    final Set<String> unread = new HashSet<>();

    private PackTally(boolean bounded) {
        this.bounded = bounded;
    }

    /** Every indexed block; the points are looked in for unowned blocks through {@code lookIn} (the sweep's), unless null. */
    static PackTally whole(Repository repo, SweepPoints lookIn) throws IOException {
        PackTally t = new PackTally(false);
        Set<BlockId> unowned = new HashSet<>();
        repo.blocks.index.forEach((id, loc) -> {
            long[] b = t.bytes.computeIfAbsent(loc.pack(), p -> new long[2]);
            if (repo.blocks.owned.ownedByAny(id)) {
                b[0] += loc.stored();
            } else {
                b[1] += loc.stored();
                unowned.add(id);
            }
        });
        if (lookIn != null) {
            // each point strikes the unowned blocks it may name (by its filter, else its manifest): those stay
            for (PointInfo p : repo.points(Optional.empty())) {
                if (unowned.isEmpty()) {
                    break;
                }
                Optional<RepositoryFiles.PointFile> file = lookIn.file(p);
                if (file.isEmpty()) {
                    continue; // withdrawn since listed: names nothing
                }
                repo.manifests.strikeNamed(file.get(), unowned, id -> {
                    t.named.add(id);
                    Pack.Location loc = repo.blocks.index.get(id);
                    long[] b = t.bytes.get(loc.pack());
                    b[0] += loc.stored();
                    b[1] -= loc.stored();
                });
            }
        }
        return t;
    }

    /**
     * The blocks indexed in {@code packs} (those the index still holds), from their index files: a block
     * the file lists whose entry lies in another pack is not counted there, as in {@link #whole}. Only
     * for an ownership every record of which was read: an unowned block is then dead.
     */
    static PackTally of(Repository repo, Collection<String> packs) throws IOException {
        PackTally t = new PackTally(true);
        for (String pack : packs) {
            if (!repo.blocks.index.holdsPack(pack)) {
                continue; // dropped or repacked already
            }
            Map<BlockId, Pack.Location> listing;
            try {
                listing = RepositoryFiles.index(repo.backend.read(new Handle(FileType.INDEX, pack)), pack);
            } catch (LifeboatException | IllegalArgumentException | NoSuchFileException e) {
                t.unread.add(pack);
                continue;
            }
            long[] b = t.bytes.computeIfAbsent(pack, p -> new long[2]);
            for (BlockId id : listing.keySet()) {
                Pack.Location loc = repo.blocks.index.get(id);
                if (loc != null && loc.pack().equals(pack)) {
                    b[repo.blocks.owned.ownedByAny(id) ? 0 : 1] += loc.stored();
                }
            }
            t.listed.put(pack, listing.keySet());
        }
        return t;
    }
}
