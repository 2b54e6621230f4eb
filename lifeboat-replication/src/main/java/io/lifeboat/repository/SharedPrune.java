package io.lifeboat.repository;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention's deletions on a store shared by several writer nodes, under the prune lease (the
 * restic/kopia rule; see {@code docs/repository-format.md}, "Several nodes on one store"):
 * <ol>
 *   <li>a pack is dropped only when none of its blocks is owned or named <b>and</b> its index file is
 *       older than the safety margin ({@link RepositoryOptions#pruneMargin}): a younger pack may be
 *       another node's upload whose ownership record this node has not read yet;</li>
 *   <li>dropped packs are not deleted but written down in a {@link Condemnation} record; every node
 *       that reads it stops using them (their blocks count as missing, so they are uploaded again rather
 *       than deduplicated against), and a commit that used one is withdrawn ({@link CommitGuard});</li>
 *   <li>a later prune deletes a record's packs (index first, then pack) once the record is older than
 *       the margin, unless a point created since shortly before the record names a block only those
 *       packs hold: that pack then stays and the error is logged, since deleting it would lose the point.
 *       Each such point is asked first by its block filter ({@link BlockFilter}, which never misses a block
 *       the point names); only a point whose filter may name one of those blocks has its manifest read.</li>
 * </ol>
 */
final class SharedPrune {
    private static final Logger LOG = LoggerFactory.getLogger(SharedPrune.class);

    private final Repository repo;
    private final Duration margin;

    SharedPrune(Repository repo) {
        this.repo = repo;
        this.margin = repo.options.pruneMargin();
    }

    /** Removes from {@code packs} those whose index file is younger than the margin (they are kept for now). */
    void keepYoung(Collection<String> packs) throws IOException {
        Instant cutoff = repo.options.clock().instant().minus(margin);
        for (Iterator<String> it = packs.iterator(); it.hasNext(); ) {
            Optional<Instant> made = repo.backend.createdAt(new Handle(FileType.INDEX, it.next()));
            if (made.isPresent() && made.get().isAfter(cutoff)) {
                it.remove();
            }
        }
    }

    /** Writes the dropped packs (and the repacks' new packs) down for every node; deletes nothing. */
    void condemn(Collection<String> dropped, Collection<String> replacements) throws IOException {
        if (dropped.isEmpty()) {
            return;
        }
        Condemnation.Record r = Condemnation.write(repo.backend, repo.options.clock().instant(), dropped, replacements);
        repo.refresh.apply(r);
    }

    /**
     * Deletes the packs of every record older than the margin that no recent point still needs; returns how
     * many. The points' files are read through the sweep's {@code points} (most were read by it already).
     */
    int deleteDue(SweepPoints points) throws IOException {
        Instant now = repo.options.clock().instant();
        int deleted = 0;
        for (String name : repo.backend.list(FileType.PRUNE)) {
            Condemnation.Record r;
            try {
                r = Condemnation.read(repo.backend, name);
            } catch (NoSuchFileException e) {
                continue;
            } catch (LifeboatException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
                LOG.warn("prune/{} is unreadable ({}); its packs are left in place", name, e.getMessage());
                continue;
            }
            if (r.created().plus(margin).isAfter(now)) {
                continue;
            }
            if (needed(r, points)) {
                continue;
            }
            for (String pack : r.packs()) {
                repo.backend.delete(new Handle(FileType.INDEX, pack));
                repo.backend.delete(new Handle(FileType.DATA, pack));
                deleted++;
            }
            repo.backend.delete(new Handle(FileType.PRUNE, name));
        }
        return deleted;
    }

    /**
     * Whether the point may name one of {@code blocks}, by its block filter (held by the sweeps' memo on a
     * shared store, else read: 4 bytes a block, against 32 and more a reference in its manifest). A filter
     * has no false negatives, so a "no" is final; a "may" (or a point without a usable filter) has the
     * caller read the manifest, so a false positive costs that read and never keeps a pack.
     */
    private boolean mayName(RepositoryFiles.PointFile file, Set<BlockId> blocks) throws IOException {
        boolean[] hit = {false};
        boolean usable = repo.manifests.filterParts(file, Long.MAX_VALUE, part -> {
            if (!hit[0]) {
                for (BlockId id : blocks) {
                    if (part.mayHold(id)) {
                        hit[0] = true;
                        break;
                    }
                }
            }
        });
        return !usable || hit[0];
    }

    /** True (and logged) when a point created since shortly before the record names a block only its packs hold. */
    private boolean needed(Condemnation.Record r, SweepPoints points) throws IOException {
        Set<BlockId> only = new HashSet<>();
        for (String pack : r.packs()) {
            try {
                RepositoryFiles.index(repo.backend.read(new Handle(FileType.INDEX, pack)), pack).keySet().forEach(only::add);
            } catch (NoSuchFileException e) {
                // deleted already (a prune that stopped halfway)
            } catch (LifeboatException | IllegalArgumentException e) {
                LOG.warn("index/{} is unreadable ({}); deleting its pack as prune/{} decided", pack, e.getMessage(), r.name());
            }
        }
        only.removeIf(repo.blocks.index::contains); // stored again elsewhere since
        if (only.isEmpty()) {
            return false;
        }
        Instant since = r.created().minus(margin);
        Set<BlockId> named = new HashSet<>();
        for (PointInfo p : repo.points(Optional.empty())) {
            Optional<RepositoryFiles.PointFile> file = p.created().isBefore(since) ? Optional.empty() : points.file(p);
            if (file.isPresent() && mayName(file.get(), only)) { // (a point withdrawn since listed names nothing)
                repo.manifests.forEachBlock(file.get(), id -> {
                    if (only.contains(id)) {
                        named.add(id);
                    }
                });
            }
        }
        if (named.isEmpty()) {
            return false;
        }
        LOG.error("prune/{} dropped packs {} but {} block(s) only they hold are named by points committed since"
                + " (a node stalled longer than the prune margin of {}?); the packs are kept", r.name(), r.packs(),
                named.size(), margin);
        return true;
    }
}
