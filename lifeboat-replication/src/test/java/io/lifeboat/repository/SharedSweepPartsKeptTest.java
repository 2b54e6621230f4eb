package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.RepositoryFiles.PointFile;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * On a shared store every commit's sweep walks whole and asks each kept point of the machine for its
 * block filter; the parts a node read stay held from one sweep to the next ({@link SweepBacklog#parts}),
 * so a kept point's filter is fetched once by a node, not once a commit, and the parts a node's own
 * commits wrote not at all. Held parts never keep a point another node dropped, nor the blocks only it named.
 */
class SharedSweepPartsKeptTest extends SharedNodes {
    /** The files under manifests/ read while they existed (a commit first checks its new part's name is free). */
    final Queue<String> partReads = new ConcurrentLinkedQueue<>();

    @Override
    int keepLast() {
        return 2;
    }

    /** A commit of db-1 (image {@code i}) on {@code node}, then past the grace period: its blocks may be released. */
    PointInfo commit(Repository node, int i) {
        PointInfo p = Fixtures.protect(node, "db-1", SharedStoreTest.image(i));
        clock.advance(Duration.ofHours(2));
        return p;
    }

    void countPartReads() {
        store.beforeRead.set(name -> {
            if (name.startsWith("manifests/") && store.size(new Handle(FileType.MANIFESTS, name.substring(10))).isPresent()) {
                partReads.add(name);
            }
        });
    }

    @Test
    void aNodesSweepsReadEachFilterPartOnce() throws IOException {
        countPartReads();
        List<PointFile> files = new ArrayList<>();
        try (Repository one = node("one")) {
            for (int i = 1; i <= 3; i++) { // the third commit drops the first point
                PointInfo p = commit(one, i);
                files.add(one.manifests.pointFile("db-1", p.id()));
            }
            for (PointFile f : files) {
                assertThat(f.blockFilters()).hasSize(1);
            }
            // each commit's sweep strikes the older points' blocks by their filters: parts node one wrote
            assertThat(partReads).as("parts node one's sweeps read of its own commits").isEmpty();
            try (Repository two = node("two")) {
                for (int i = 4; i <= 5; i++) { // 4 drops point 2: its sweep strikes by point 3's filter, new to node two
                    files.add(two.manifests.pointFile("db-1", commit(two, i).id()));
                }
            }
        }
        List<String> parts = files.stream().map(SharedSweepPartsKeptTest::part).toList();
        Map<String, Long> reads = partReads.stream().filter(parts::contains) // (not the chunks a condemnation reads)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(reads).as("filter parts read by the sweeps").containsOnlyKeys(part(files.get(2)));
        assertThat(reads.values()).as("times each part was read").containsOnly(1L);
    }

    @Test
    void partsHeldForPointsAnotherNodeDroppedKeepNothing() throws IOException {
        try (Repository one = node("one")) {
            commit(one, 1);
            commit(one, 2); // node one holds the parts of both points
            try (Repository two = node("two")) {
                PointInfo p3 = commit(two, 3); // drops point 1
                commit(two, 4); // drops point 2
                PointInfo p5 = commit(one, 5); // drops point 3: node one's held parts of 1 and 2 are asked by nothing
                one.prune(PruneRequest.byPolicy(false));
                clock.advance(Duration.ofHours(1)); // past the margin: the next prune deletes what the first condemned
                one.prune(PruneRequest.byPolicy(false));
                PointInfo p4 = two.points(Optional.of("db-1")).get(0);
                for (Repository node : List.of(one, two)) {
                    node.refresh.now();
                    assertThat(node.points(Optional.of("db-1"))).as("db-1's points").containsExactly(p4, p5);
                }
                assertThat(p3).isNotIn(one.points(Optional.of("db-1")));
            }
            try (Repository fresh = node("fresh")) {
                assertThat(fresh.points(Optional.of("db-1"))).hasSize(2);
                for (int i = 4; i <= 5; i++) {
                    assertThat(fresh.missing("db-1", SharedStoreTest.image(i).uploads().keySet())).as("image %d's blocks", i).isEmpty();
                }
                for (int i = 1; i <= 3; i++) {
                    for (BlockId id : SharedStoreTest.image(i).uploads().keySet()) {
                        assertThat(fresh.blocks.index.get(id)).as("a block only dropped point %d named", i).isNull();
                    }
                }
                assertThat(fresh.verify(Optional.empty()).ok()).isTrue();
            }
        }
    }

    static String part(PointFile f) {
        return "manifests/db-1/" + f.blockFilters().get(0);
    }
}
