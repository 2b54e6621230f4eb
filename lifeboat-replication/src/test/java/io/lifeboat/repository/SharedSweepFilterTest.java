package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.RepositoryFiles.PointFile;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A sweep on a shared store looks for the blocks no machine owns that a kept point still names (an
 * ownership record another node has not written yet, or lost): by each point's block filter, reading a
 * point's manifest only when its filter is missing or damaged. Here web-1's ownership records are gone,
 * so only that look keeps its point's blocks: a pruning node must not drop them, filter or not.
 */
class SharedSweepFilterTest extends SharedNodes {
    static final int BS = 4096;

    final Cut web = Fixtures.cutImage(Fixtures.random(1, 24 * BS), BS, SourceKind.IMAGE);

    @Test
    void aPointWithAFilterKeepsItsUnownedBlocksWithoutItsManifestBeingRead() throws IOException {
        Pruned pruned = unownedPointPruned(file -> { });
        assertThat(pruned.reads()).as("web-1's filter asked").contains(filterPart(pruned.point()));
        assertThat(pruned.reads()).as("web-1's manifest not read").doesNotContain(chunk(pruned.point()));
    }

    @Test
    void aPruneReadsEachFilterPartOnce() throws IOException {
        // db-1's kept point is asked by the release of db-1's blocks, then by the look for unowned blocks
        List<String> parts = unownedPointPruned(file -> { }).reads().stream().filter(r -> r.startsWith("manifests/")).toList();
        assertThat(parts).as("filter parts read by the first prune").hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
    }

    @Test
    void aPointWhoseFilterIsMissingStillKeepsItsUnownedBlocks() throws IOException {
        Pruned pruned = unownedPointPruned(file -> delete(new Handle(FileType.MANIFESTS, filterPart(file).substring(10))));
        assertThat(pruned.reads()).as("web-1's manifest read instead").contains(chunk(pruned.point()));
    }

    @Test
    void aPointWhoseFilterIsDamagedStillKeepsItsUnownedBlocks() throws IOException {
        Pruned pruned = unownedPointPruned(file -> {
            // a filter that holds nothing, under the good file's name: trusted, it would let every block go
            Handle h = new Handle(FileType.MANIFESTS, filterPart(file).substring(10));
            delete(h);
            byte[] empty = BlockFilter.of(new long[0], 0).encode();
            java.nio.ByteBuffer.wrap(empty).putLong(6, file.summary().blocks());
            try {
                store.create(h, empty);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(pruned.reads()).as("web-1's manifest read instead").contains(chunk(pruned.point()));
    }

    /**
     * Node one stores web-1's point and two of db-1's (retention drops the first); web-1's ownership
     * records are deleted and {@code damage} is done to its point; node two, opened fresh past the grace
     * period, prunes twice (the second past the margin, when condemned packs are deleted). Every block
     * of web-1's point must still be there, whole; db-1's dropped point's pack is deleted.
     */
    Pruned unownedPointPruned(Consumer<PointFile> damage) throws IOException {
        return unownedPointPruned(damage, h -> false);
    }

    @Test
    void aPruneThatStopsAtItsCondemnationRecordLeavesTheNamedBlocksToTheNext() throws IOException {
        assertThat(unownedPointPruned(file -> { }, h -> h.startsWith("prune/")).stopped()).isTrue();
    }

    @Test
    void aPruneThatStopsWhileDeletingCondemnedPacksLeavesTheNamedBlocksToTheNext() throws IOException {
        assertThat(unownedPointPruned(file -> { }, h -> h.startsWith("data/")).stopped()).isTrue();
    }

    /**
     * As above, with the store failing the creation or deletion of the files {@code failAt} accepts while
     * node two prunes: a node that stops there, abandoned; a fresh node three then prunes to the end.
     */
    Pruned unownedPointPruned(Consumer<PointFile> damage, java.util.function.Predicate<String> failAt) throws IOException {
        PointFile file;
        List<String> firstPrune;
        try (Repository one = node("one")) {
            PointInfo p = Fixtures.protect(one, "web-1", web);
            Fixtures.protect(one, "db-1", Fixtures.cutImage(Fixtures.random(2, 24 * BS), BS, SourceKind.IMAGE));
            Fixtures.protect(one, "db-1", Fixtures.cutImage(Fixtures.random(3, 24 * BS), BS, SourceKind.IMAGE));
            file = one.manifests.pointFile("web-1", p.id());
        }
        assertThat(file.blockFilters()).hasSize(1);
        assertThat(file.chunks()).hasSize(1);
        for (String name : store.list(FileType.MACHINES)) {
            if (name.startsWith("web-1/")) {
                store.delete(new Handle(FileType.MACHINES, name));
            }
        }
        damage.accept(file);
        clock.advance(Duration.ofHours(2));
        int packs = store.list(FileType.DATA).size();
        boolean stopped = false;
        try (Repository two = node("two")) {
            store.reads.clear();
            store.failing.set(failAt);
            two.prune(PruneRequest.byPolicy(false));
            firstPrune = List.copyOf(store.reads);
            clock.advance(Duration.ofHours(1));
            two.prune(PruneRequest.byPolicy(false));
        } catch (RuntimeException e) {
            assertThat(e).hasStackTraceContaining("injected failure");
            stopped = true;
            firstPrune = List.copyOf(store.reads);
        } finally {
            store.failing.set(h -> false);
        }
        if (stopped) {
            try (Repository three = node("three")) {
                clock.advance(Duration.ofHours(1));
                three.prune(PruneRequest.byPolicy(false));
                clock.advance(Duration.ofHours(1));
                three.prune(PruneRequest.byPolicy(false));
            }
        }
        assertThat(store.list(FileType.DATA)).as("db-1's dropped point's pack deleted").hasSizeLessThan(packs);
        try (Repository fresh = node("fresh")) {
            assertThat(fresh.verify(Optional.empty()).ok()).isTrue();
            for (BlockId id : web.uploads().keySet()) {
                assertThat(fresh.blocks.index.get(id)).as("web-1's block %s indexed", id).isNotNull();
            }
            assertThat(fresh.blocks.readStored(web.uploads().keySet().iterator().next(),
                    fresh.blocks.index.get(web.uploads().keySet().iterator().next()))).isNotEmpty();
        }
        return new Pruned(file, firstPrune, stopped);
    }

    /** web-1's point file, the files the store read in the first prune, and whether node two was stopped. */
    record Pruned(PointFile point, List<String> reads, boolean stopped) {
    }

    void delete(Handle h) {
        try {
            store.delete(h);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String filterPart(PointFile file) {
        return "manifests/web-1/" + file.blockFilters().get(0);
    }

    static String chunk(PointFile file) {
        return "manifests/web-1/" + file.chunks().get(0);
    }
}
