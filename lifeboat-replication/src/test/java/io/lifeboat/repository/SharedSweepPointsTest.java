package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A sweep on a shared store reads each kept point's file once ({@link SweepPoints}), where three of its
 * steps read it each (three GETs a point on Azure Blob), and the next sweeps read it no more; and a point another node withdraws while the
 * sweep runs (its commit check found a pack it uses dropped: {@link CommitGuard} deletes its file) neither
 * makes the sweep drop a block a live point names nor comes back.
 */
class SharedSweepPointsTest extends SharedNodes {
    /** Each machine's two newest points kept (so a machine keeps a point besides its newest). */
    @Override
    int keepLast() {
        return 2;
    }

    /** Node one commits three points of db-1 (images 1-3) and two of web-1 (images 4-5); returns them by image. */
    PointInfo[] commit(Repository one) {
        PointInfo[] p = new PointInfo[6];
        for (int i = 1; i <= 5; i++) {
            p[i] = Fixtures.protect(one, i <= 3 ? "db-1" : "web-1", SharedStoreTest.image(i));
            clock.advance(Duration.ofSeconds(2));
        }
        clock.advance(Duration.ofHours(2)); // past the grace period: db-1's oldest point's blocks may go
        return p;
    }

    @Test
    void aPruneReadsEachPointFileOnce() throws IOException {
        try (Repository one = node("one")) {
            PointInfo[] p = commit(one);
            try (Repository two = node("two")) { // reads every point file at open, as a restarted vault does
                two.retention.backlog.pointFiles.clear(); // a node that holds none: its sweep reads them
                store.reads.clear();
                two.prune(PruneRequest.byPolicy(false));
                Map<String, Long> reads = store.reads.stream().filter(r -> r.startsWith("points/"))
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(reads).as("the kept points' files read").containsOnlyKeys(
                        List.of(p[2], p[3], p[4], p[5]).stream().map(SharedSweepPointsTest::file).toList());
                assertThat(reads.values()).as("times each was read").containsOnly(1L);
                store.reads.clear();
                two.prune(PruneRequest.byPolicy(false)); // the files stay held from one sweep to the next
                assertThat(store.reads).as("files read by the second prune").noneMatch(r -> r.startsWith("points/"));
                assertThat(two.points(Optional.of("db-1"))).containsExactly(p[2], p[3]);
                assertThat(two.verify(Optional.empty()).ok()).isTrue();
            }
        }
    }

    @Test
    void aPointWithdrawnBeforeTheSweepReadsItNamesNothing() throws IOException {
        withdrawnWhileSweeping(false);
    }

    @Test
    void aPointWithdrawnAfterTheSweepReadItKeepsItsBlocksUntilTheNextSweep() throws IOException {
        withdrawnWhileSweeping(true);
    }

    /**
     * Node two prunes while node one withdraws db-1's newest point (image 3): just before node two's first
     * read of its file (a node that holds none), or once its sweep is under way on the file it has held
     * since its open ({@link SweepBacklog#pointFiles}). The prune ends; the point is gone for both nodes and a fresh one;
     * db-1's other kept point (image 2) has every block, through a second prune past the margin (which
     * deletes what the first condemned); and verify passes.
     */
    private void withdrawnWhileSweeping(boolean afterItsRead) throws IOException {
        try (Repository one = node("one")) {
            PointInfo[] p = commit(one);
            try (Repository two = node("two")) {
                String target = file(p[3]);
                if (!afterItsRead) {
                    two.retention.backlog.pointFiles.clear(); // a node that holds no file: its sweep reads them
                }
                AtomicBoolean withdrawn = new AtomicBoolean();
                store.beforeRead.set(name -> {
                    // held since the open: withdrawn once the sweep is under way (its first filter part read)
                    if (withdrawn.get() || !(afterItsRead ? name.startsWith("manifests/") : name.equals(target))) {
                        return;
                    }
                    withdrawn.set(true);
                    try {
                        store.delete(new Handle(FileType.POINTS, target.substring("points/".length()))); // as CommitGuard.after
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                two.prune(PruneRequest.byPolicy(false));
                store.beforeRead.set(name -> { });
                assertThat(withdrawn).as("withdrawn during the prune").isTrue();
                if (afterItsRead) { // the file read before it went is what the sweep counted: image 3 stays for now
                    assertThat(two.missing("db-1", SharedStoreTest.image(3).uploads().keySet())).isEmpty();
                }
                clock.advance(Duration.ofHours(1)); // past the margin: the next prune deletes what this one condemned
                two.prune(PruneRequest.byPolicy(false));
                clock.advance(Duration.ofSeconds(2));
                for (Repository node : List.of(one, two)) {
                    assertThat(node.points(Optional.of("db-1"))).as("db-1's points").containsExactly(p[2]);
                }
                assertThat(store.list(FileType.POINTS)).doesNotContain(target.substring("points/".length()));
                assertThat(two.verify(Optional.empty()).ok()).isTrue();
                try (Repository fresh = node("fresh")) {
                    assertThat(fresh.points(Optional.of("db-1"))).containsExactly(p[2]);
                    Cut live = SharedStoreTest.image(2);
                    assertThat(fresh.missing("db-1", live.uploads().keySet())).as("blocks of the live point").isEmpty();
                    assertThat(fresh.verify(Optional.empty()).ok()).isTrue();
                }
            }
        }
    }

    static String file(PointInfo p) {
        return "points/" + p.machine() + "/" + p.id();
    }
}
