package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.FaultInjectingBackend;
import io.lifeboat.repository.backend.MemoryBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CrashRecoveryTest}'s contract for points committed as deltas: a whole point, then deltas
 * that change nothing (committed on the parent's chunks) and deltas that change blocks (new chunks
 * built), with a crash injected at every change the store sees (a chunk written, a point file
 * created, retention's deletions). After a restart the last acknowledged point (or the next one,
 * when the crash came after its point file) is whole and readable, no point names a missing block
 * or chunk, verify finds nothing damaged, and the agent's next pass completes.
 */
class DeltaCommitCrashTest {

    /** The manifests the workload commits, in order: v0 whole, v0 unchanged, v1, v1 unchanged, v2, v2 unchanged. */
    static List<Cut> sequence() {
        List<Cut> versions = CrashRecoveryTest.versions();
        List<Cut> out = new ArrayList<>();
        for (Cut v : versions) {
            out.add(v);
            out.add(v);
        }
        return out;
    }

    static void workload(Repository repo, List<Cut> sequence, MutableClock clock, List<Cut> acked) {
        PointInfo last = null;
        Manifest lastManifest = null;
        for (Cut cut : sequence) {
            var missing = repo.missing("m", cut.uploads().keySet());
            List<BlockUpload> send = cut.uploads().values().stream().filter(u -> missing.contains(u.id())).toList();
            if (!send.isEmpty()) {
                repo.putBlocks("m", send);
            }
            last = last == null ? repo.commitPoint("m", cut.manifest(), Fixtures.META)
                    : DeltaCommit.commit(repo, "m", ManifestDelta.between(last.id(), lastManifest, cut.manifest()), Fixtures.META);
            lastManifest = cut.manifest();
            acked.add(cut);
            clock.advance(Duration.ofHours(1));
        }
    }

    @ParameterizedTest(name = "torn={0}")
    @ValueSource(booleans = {false, true})
    void aCrashAtAnyChangeOfADeltaCommitLeavesTheLastPointWhole(boolean torn) {
        List<Cut> sequence = sequence();
        long total;
        MutableClock counting = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        FaultInjectingBackend measure = new FaultInjectingBackend(new MemoryBackend());
        try (Repository repo = Repository.open(measure, CrashRecoveryTest.options(counting))) {
            long before = measure.changes();
            workload(repo, sequence, counting, new ArrayList<>());
            total = measure.changes() - before;
        }
        assertThat(total).isGreaterThan(10);
        for (long crashAt = torn ? 1 : 0; crashAt <= total; crashAt++) {
            MemoryBackend storage = new MemoryBackend();
            MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
            FaultInjectingBackend faulty = new FaultInjectingBackend(storage);
            List<Cut> acked = new ArrayList<>();
            Repository repo = Repository.open(faulty, CrashRecoveryTest.options(clock));
            faulty.crashAt(crashAt, torn);
            String when = "crash at change " + crashAt + (torn ? " (torn)" : "");
            try {
                workload(repo, sequence, clock, acked);
            } catch (RuntimeException expected) {
                assertThat(faulty.crashed()).as("%s: %s", when, expected).isTrue();
            }
            repo.abandon();
            try (Repository again = Repository.open(storage, CrashRecoveryTest.options(clock))) {
                List<PointInfo> points = again.points(Optional.of("m"));
                assertThat(points.size()).as(when).isLessThanOrEqualTo(2); // keep newest 1, or one more left by a crash in retention
                if (!acked.isEmpty()) {
                    Manifest latest = again.manifest("m", "latest");
                    Manifest expected = acked.get(acked.size() - 1).manifest();
                    Manifest next = acked.size() < sequence.size() ? sequence.get(acked.size()).manifest() : expected;
                    assertThat(latest).as(when + ": the last acknowledged point, or the next one whole").isIn(expected, next);
                }
                for (PointInfo p : points) {
                    for (BlockId id : Verifier.blocksOf(again.manifest("m", p.id()))) {
                        assertThat(BlockId.of(again.readBlock("m", id))).as(when).isEqualTo(id);
                    }
                }
                assertThat(again.verify(Optional.empty()).damaged()).as(when + ": verify").isEmpty();
                Cut finalCut = sequence.get(sequence.size() - 1);
                Fixtures.protect(again, "m", finalCut);
                assertThat(again.manifest("m", "latest")).as(when).isEqualTo(finalCut.manifest());
                assertThat(again.points(Optional.of("m"))).as(when).hasSize(1);
            }
        }
    }
}
