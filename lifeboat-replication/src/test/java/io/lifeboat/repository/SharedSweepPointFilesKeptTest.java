package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * On a shared store every sweep walks whole and asks every kept point for its file; a node keeps the
 * point files it read (at its open, its refreshes, its sweeps) and those its commits created from one
 * sweep to the next ({@link SweepBacklog#pointFiles}), so it reads a point file once while the point is
 * listed, not once a commit. A held file never keeps a point another node dropped or withdrew, nor the
 * blocks only that point named, and it is forgotten once the point is not listed.
 */
class SharedSweepPointFilesKeptTest extends SharedNodes {
    @Override
    int keepLast() {
        return 2;
    }

    PointInfo commit(Repository node, String machine, int image) {
        PointInfo p = Fixtures.protect(node, machine, SharedStoreTest.image(image));
        clock.advance(Duration.ofSeconds(2));
        return p;
    }

    List<String> pointReads() {
        return store.reads.stream().filter(r -> r.startsWith("points/")).toList();
    }

    @Test
    void aNodeReadsAPointFileOnceWhileItIsListed() throws IOException {
        try (Repository one = node("one")) {
            store.reads.clear();
            PointInfo p1 = commit(one, "db-1", 1);
            PointInfo p2 = commit(one, "db-1", 2);
            commit(one, "web-1", 4);
            PointInfo p5 = commit(one, "web-1", 5);
            clock.advance(Duration.ofHours(2)); // past the grace period: the sweeps below strike by the points
            assertThat(pointReads()).as("point files node one's sweeps read of its own commits").isEmpty();
            try (Repository two = node("two")) { // reads every point file at its open, as a restarted vault does
                store.reads.clear();
                two.prune(PruneRequest.byPolicy(false)); // keeps all: each machine has two points
                PointInfo p3 = commit(two, "db-1", 3); // drops point 1: its sweep asks every machine's kept points
                clock.advance(Duration.ofHours(2));
                two.prune(PruneRequest.byPolicy(false));
                assertThat(pointReads()).as("point files node two read after its open").isEmpty();

                store.reads.clear();
                PointInfo p6 = commit(one, "web-1", 6); // drops point 4; node one's refresh reads node two's point
                assertThat(pointReads()).as("point files node one read").containsExactly(SharedSweepPointsTest.file(p3));
                for (Repository node : List.of(one, two)) {
                    node.refresh.now();
                    assertThat(node.points(Optional.of("db-1"))).containsExactly(p2, p3);
                    assertThat(node.points(Optional.of("web-1"))).containsExactly(p5, p6);
                    assertThat(node.verify(Optional.empty()).ok()).isTrue();
                }
                assertThat(p1).isNotIn(two.points(Optional.empty()));
            }
        }
    }

    /**
     * Node two holds the files of db-1's points 1 and 2 and web-1's point 4; node one's retention then
     * drops point 1 and point 2 is withdrawn (its file deleted, as {@link CommitGuard#after} does). Node
     * two's two prunes past the margin: it forgets both held files, and the blocks only they named go.
     */
    @Test
    void heldFilesOfPointsDroppedOrWithdrawnElsewhereKeepNothing() throws IOException {
        try (Repository one = node("one")) {
            PointInfo p1 = commit(one, "db-1", 1);
            PointInfo p2 = commit(one, "db-1", 2);
            PointInfo p4 = commit(one, "web-1", 4);
            clock.advance(Duration.ofHours(2));
            try (Repository two = node("two")) {
                two.prune(PruneRequest.byPolicy(false)); // drops nothing; its sweep holds the three files
                assertThat(two.retention.backlog.pointFiles).containsOnlyKeys(key(p1), key(p2), key(p4));

                PointInfo p3 = commit(one, "db-1", 3); // node one's retention drops point 1
                store.delete(new Handle(FileType.POINTS, key(p2))); // point 2 withdrawn
                assertThat(store.list(FileType.POINTS)).doesNotContain(key(p1), key(p2));
                clock.advance(Duration.ofHours(2)); // past the grace period: blocks no point names are released
                two.prune(PruneRequest.byPolicy(false));
                clock.advance(Duration.ofHours(1)); // past the margin: this prune deletes what the first condemned
                two.prune(PruneRequest.byPolicy(false));

                assertThat(two.retention.backlog.pointFiles).as("point files node two holds")
                        .containsOnlyKeys(key(p3), key(p4));
                for (Repository node : List.of(one, two)) {
                    node.refresh.now();
                    assertThat(node.points(Optional.of("db-1"))).containsExactly(p3);
                    assertThat(node.points(Optional.of("web-1"))).containsExactly(p4);
                }
            }
            try (Repository fresh = node("fresh")) {
                assertThat(fresh.points(Optional.empty())).hasSize(2);
                assertThat(fresh.missing("db-1", SharedStoreTest.image(3).uploads().keySet())).isEmpty();
                assertThat(fresh.missing("web-1", SharedStoreTest.image(4).uploads().keySet())).isEmpty();
                Set<BlockId> live = new HashSet<>(SharedStoreTest.image(3).uploads().keySet());
                live.addAll(SharedStoreTest.image(4).uploads().keySet());
                for (int i = 1; i <= 2; i++) {
                    for (BlockId id : SharedStoreTest.image(i).uploads().keySet()) {
                        if (!live.contains(id)) {
                            assertThat(fresh.blocks.index.get(id)).as("a block only point %d named", i).isNull();
                        }
                    }
                }
                assertThat(fresh.verify(Optional.empty()).ok()).isTrue();
            }
        }
    }

    static String key(PointInfo p) {
        return p.machine() + "/" + p.id();
    }
}
