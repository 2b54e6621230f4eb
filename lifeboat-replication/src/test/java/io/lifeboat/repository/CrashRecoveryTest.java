package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FaultInjectingBackend;
import io.lifeboat.repository.backend.MemoryBackend;
import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kill the vault at every change it makes (cleanly, or with the file being written torn in half) while
 * it stores blocks, commits points and prunes; then open the folder again, as a restarted vault would.
 * After every crash: no partial point is visible, every acknowledged point restores, verify finds no
 * damage, acknowledged blocks are not asked for again, and the interrupted protect completes.
 */
class CrashRecoveryTest {
    static final int BS = 2048;

    @TempDir
    Path tmp;

    /** The acknowledged results of the workload up to the crash. */
    static final class Acked {
        final List<Cut> committed = new ArrayList<>();
        final Set<BlockId> storedSinceLastCommit = new HashSet<>();
    }

    static List<Cut> versions() {
        byte[] img = Fixtures.image(5, 24, BS);
        List<Cut> out = new ArrayList<>();
        for (int v = 0; v < 3; v++) {
            byte[] next = img.clone();
            System.arraycopy(Fixtures.random(50 + v, 6 * BS), 0, next, (v * 7 % 18) * BS, 6 * BS);
            img = next;
            out.add(Fixtures.cutImage(img, BS, SourceKind.IMAGE));
        }
        return out;
    }

    static RepositoryOptions options(MutableClock clock) {
        return RepositoryOptions.defaults().withKeepNewest(1).withPackTargetBytes(5 * BS).withClock(clock)
                .withPruneGrace(Duration.ofMinutes(10));
    }

    /** Protects each version in two batches, an hour apart (so retention prunes), recording what was acknowledged. */
    static void workload(Repository repo, List<Cut> versions, MutableClock clock, Acked acked) {
        for (Cut cut : versions) {
            Set<BlockId> missing = repo.missing("m", cut.uploads().keySet());
            List<BlockUpload> send = cut.uploads().values().stream().filter(u -> missing.contains(u.id())).toList();
            int half = send.size() / 2;
            for (List<BlockUpload> batch : List.of(send.subList(0, half), send.subList(half, send.size()))) {
                if (!batch.isEmpty()) {
                    repo.putBlocks("m", batch);
                    batch.forEach(u -> acked.storedSinceLastCommit.add(u.id()));
                }
            }
            repo.commitPoint("m", cut.manifest(), Fixtures.META);
            acked.committed.add(cut);
            acked.storedSinceLastCommit.clear();
            clock.advance(Duration.ofHours(1));
        }
    }

    long changesOfAFullRun() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        FaultInjectingBackend faulty = new FaultInjectingBackend(new MemoryBackend());
        try (Repository repo = Repository.open(faulty, options(clock))) {
            long before = faulty.changes();
            workload(repo, versions(), clock, new Acked());
            return faulty.changes() - before;
        }
    }

    /** Every change point, on the in-memory store (fast); the same contract as a folder. */
    @ParameterizedTest(name = "torn={0}")
    @ValueSource(booleans = {false, true})
    void aCrashAtAnyChangeLosesNothingCommitted(boolean torn) throws Exception {
        run(torn, 1, MemoryBackend::new);
    }

    /** Every seventh change point on a real folder (each create is fsynced, so this is slower). */
    @ParameterizedTest(name = "torn={0}")
    @ValueSource(booleans = {false, true})
    void aCrashOnALocalFolderLosesNothingCommitted(boolean torn) throws Exception {
        run(torn, 7, () -> new LocalBackend(Files.createTempDirectory(tmp, "crash")));
    }

    interface Store {
        Backend make() throws Exception;
    }

    private void run(boolean torn, int step, Store store) throws Exception {
        long total = changesOfAFullRun();
        assertThat(total).isGreaterThan(10);
        List<Cut> versions = versions();
        for (long crashAt = torn ? 1 : 0; crashAt <= total; crashAt += step) {
            Backend storage = store.make();
            MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
            FaultInjectingBackend faulty = new FaultInjectingBackend(storage);
            Acked acked = new Acked();
            Repository repo = Repository.open(faulty, options(clock));
            faulty.crashAt(crashAt, torn);
            try {
                workload(repo, versions, clock, acked);
            } catch (RuntimeException expected) {
                assertThat(faulty.crashed()).as("crash at change %d: %s", crashAt, expected).isTrue();
            }
            repo.abandon();
            checkAfterRestart(storage, clock, versions, acked, "crash at change " + crashAt + (torn ? " (torn)" : ""));
        }
    }

    private static void checkAfterRestart(Backend storage, MutableClock clock, List<Cut> versions, Acked acked, String when) {
        try (Repository repo = Repository.open(storage, options(clock))) {
            List<PointInfo> points = repo.points(Optional.of("m"));
            // keep-last is 1; a crash inside retention may leave one more point, removed at the next commit
            assertThat(points.size()).as(when).isLessThanOrEqualTo(2);
            if (!acked.committed.isEmpty()) {
                assertThat(points).as(when + ": the last acknowledged point is visible").isNotEmpty();
                Cut last = acked.committed.get(acked.committed.size() - 1);
                Manifest m = repo.manifest("m", "latest");
                if (m.equals(last.manifest())) {
                    assertReadable(repo, last.uploads().keySet(), when);
                } else {
                    // the crash hit after the next point's create: it must be complete too
                    Cut next = versions.get(acked.committed.size());
                    assertThat(m).as(when).isEqualTo(next.manifest());
                    assertReadable(repo, next.uploads().keySet(), when);
                }
            }
            for (PointInfo p : points) {
                assertReadable(repo, Verifier.blocksOf(repo.manifest("m", p.id())), when);
            }
            // group commit: blocks answered since the last commit were written behind and may be gone
            // (asked for again); every one the repository still counts as stored must read back intact
            Set<BlockId> kept = new HashSet<>(acked.storedSinceLastCommit);
            kept.removeAll(repo.missing("m", acked.storedSinceLastCommit));
            assertReadable(repo, kept, when + ": a block counted as stored");
            VerifyReport report = repo.verify(Optional.empty());
            assertThat(report.damaged()).as(when + ": verify").isEmpty();
            // the restarted agent protects the last version again: it completes
            Cut finalCut = versions.get(versions.size() - 1);
            Fixtures.protect(repo, "m", finalCut);
            assertReadable(repo, finalCut.uploads().keySet(), when);
            assertThat(repo.points(Optional.of("m"))).as(when).hasSize(1);
            assertThat(repo.verify(Optional.empty()).damaged()).as(when).isEmpty();
        }
    }

    private static void assertReadable(Repository repo, Collection<BlockId> ids, String when) {
        for (BlockId id : ids) {
            assertThat(BlockId.of(repo.readBlock("m", id))).as(when).isEqualTo(id);
        }
    }
}
