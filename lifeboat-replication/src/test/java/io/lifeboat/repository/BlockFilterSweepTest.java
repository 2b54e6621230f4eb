package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.RepositoryFiles.PointFile;
import io.lifeboat.repository.backend.FaultInjectingBackend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import io.lifeboat.restore.Failover;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.RestoreListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention strikes the blocks a kept point names by that point's {@link BlockFilter} (written at
 * commit) instead of reading its manifest: every block a kept point names stays (a block shared with a
 * dropped point, one that came back), a dropped point's own blocks go, a point whose filter is missing,
 * damaged or absent (an older vault's) is read in full, and a filter no point names (a crash before the
 * point file) is collected with the unnamed manifest chunks.
 */
class BlockFilterSweepTest {
    static final int BS = 4096;
    static final Duration GRACE = Duration.ofMinutes(1);

    @TempDir
    Path tmp;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    Repository open(LocalBackend local) {
        return Repository.open(local, options());
    }

    RepositoryOptions options() {
        return RepositoryOptions.defaults().withKeepNewest(2).withClock(clock).withPruneGrace(GRACE)
                .withTableDir(tmp.resolve("tables"));
    }

    static byte[] blocks(int seed, int n) {
        return BoundedSweepTest.blocks(seed, n);
    }

    static Set<BlockId> ids(byte[] image) {
        return new HashSet<>(Fixtures.cutImage(image, BS, SourceKind.IMAGE).uploads().keySet());
    }

    PointInfo protect(Repository repo, byte[] image) {
        clock.advance(GRACE.multipliedBy(2)); // what the last point named is past the grace period
        return Fixtures.protect(repo, "db-1", Fixtures.cutImage(image, BS, SourceKind.IMAGE));
    }

    void failover(LocalBackend local, String point, byte[] expected) throws IOException {
        Path target = tmp.resolve("db-1-" + System.nanoTime() + ".img");
        try (Repository repo = Repository.open(new ReadOnlyBackend(local),
                RepositoryOptions.readOnlyDefaults().withOnlyMachines(List.of("db-1")))) {
            new Failover(repo, RestoreListener.NONE).run("db-1", point, target, FailoverOptions.DEFAULT);
        }
        assertThat(Files.readAllBytes(target)).as("point %s restored", point).isEqualTo(expected);
    }

    static boolean ownsAll(Repository repo, Set<BlockId> ids) {
        return ids.stream().allMatch(id -> repo.blocks.owned.owns("db-1", id));
    }

    static boolean ownsNone(Repository repo, Set<BlockId> ids) {
        return ids.stream().noneMatch(id -> repo.blocks.owned.owns("db-1", id));
    }

    @Test
    void keptPointsKeepWhatTheyNameAndWhatOnlyDroppedPointsNamedGoes() throws IOException {
        LocalBackend local = new LocalBackend(tmp.resolve("repo"));
        byte[] a = blocks(1, 4);
        byte[] b = blocks(2, 4);
        byte[] c = blocks(3, 4);
        byte[] d = blocks(4, 4);
        byte[] e = blocks(5, 4);
        byte[] third = BoundedSweepTest.concat(a, d, b);
        PointInfo p3;
        try (Repository repo = open(local)) {
            protect(repo, BoundedSweepTest.concat(a, b));
            protect(repo, BoundedSweepTest.concat(a, c));
            p3 = protect(repo, third); // drops the first; `b` comes back (still owned: not sent again)
            assertThat(ownsAll(repo, ids(BoundedSweepTest.concat(a, b, c, d)))).as("every block a kept point names").isTrue();
            protect(repo, BoundedSweepTest.concat(a, e)); // drops the second: only it named `c`
            assertThat(repo.retention.backlog.wholeWalks()).as("the sweeps after the first were bounded").isEqualTo(1);
            assertThat(ownsNone(repo, ids(c))).as("`c`, named by no kept point, released").isTrue();
            assertThat(ownsAll(repo, ids(BoundedSweepTest.concat(a, b, d, e)))).as("what the kept points name").isTrue();
            for (PointInfo p : repo.points(Optional.of("db-1"))) {
                assertThat(repo.manifests.blockFilter(p)).as("point %s has a filter", p.id()).isPresent();
            }
        }
        failover(local, p3.id(), third);
        failover(local, "latest", BoundedSweepTest.concat(a, e));
        try (Repository repo = open(local)) {
            protect(repo, BoundedSweepTest.concat(a, e)); // drops the third: its chunk and filter go, the kept ones' stay
            assertThat(local.list(FileType.MANIFESTS)).as("each kept point's chunk and filter").hasSize(4);
            for (PointInfo p : repo.points(Optional.of("db-1"))) {
                assertThat(repo.manifests.blockFilter(p)).as("point %s's filter kept by the sweep", p.id()).isPresent();
            }
            BoundedSweepTest.nothingLeftForAWholeWalk(repo);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }

    @Test
    void aKeptPointWhoseFilterIsMissingReadsItsManifest() throws IOException {
        aKeptPointWithoutAUsableFilter(deletesFilterPart(0));
    }

    @Test
    void aKeptPointWhoseFilterWasReplacedByOneHoldingNothingReadsItsManifest() throws IOException {
        // a filter that holds none of the point's blocks, under the good file's name: trusted, it would
        // release every block only that point names (the failover below fails); its hash refuses it
        aKeptPointWithoutAUsableFilter(emptiesFilterPart(0, true));
    }

    /** Damage for a kept point: its filter's part {@code part} deleted. */
    static BiConsumer<LocalBackend, PointFile> deletesFilterPart(int part) {
        return (local, file) -> {
            try {
                Files.delete(filterPart(local, file, part));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
    }

    /**
     * Damage for a kept point: its filter's part {@code part} replaced, under its good name, by a filter
     * holding nothing, counting the point's blocks (so only the name's hash can refuse it) or none.
     */
    static BiConsumer<LocalBackend, PointFile> emptiesFilterPart(int part, boolean countsThePointsBlocks) {
        return (local, file) -> {
            try {
                byte[] empty = BlockFilter.of(new long[0], 0).encode();
                if (countsThePointsBlocks) {
                    java.nio.ByteBuffer.wrap(empty).putLong(6, file.summary().blocks());
                }
                Files.write(filterPart(local, file, part), empty);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
    }

    private static Path filterPart(LocalBackend local, PointFile file, int part) {
        return local.path(new Handle(FileType.MANIFESTS, file.info().machine() + "/" + file.blockFilters().get(part)));
    }

    @Test
    void anOlderVaultsPointWithoutAFilterIsReadInFull() throws IOException {
        aKeptPointWithoutAUsableFilter((local, file) -> {
            try {
                Files.write(local.path(new Handle(FileType.POINTS, "db-1/" + file.info().id())), RepositoryFiles.point(
                        new PointFile(file.info(), file.header(), file.summary(), file.chunks())));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    /**
     * Two points; {@code damage} takes the newest's filter away (the vault closed); the next commit
     * drops the first point: the second's own blocks must stay, the first's own go.
     */
    void aKeptPointWithoutAUsableFilter(BiConsumer<LocalBackend, PointFile> damage) throws IOException {
        LocalBackend local = new LocalBackend(tmp.resolve("repo"));
        byte[] a = blocks(11, 4);
        byte[] b = blocks(12, 4);
        byte[] c = blocks(13, 4);
        byte[] second = BoundedSweepTest.concat(a, c);
        PointInfo kept;
        try (Repository repo = open(local)) {
            protect(repo, BoundedSweepTest.concat(a, b));
            kept = protect(repo, second);
            damage.accept(local, repo.manifests.pointFile("db-1", kept.id()));
        }
        try (Repository repo = open(local)) {
            assertThat(repo.manifests.blockFilter(kept)).as("no usable filter").isEmpty();
            protect(repo, BoundedSweepTest.concat(a, blocks(14, 4))); // drops the first: `b` goes, the kept point's `c` stays
            assertThat(ownsNone(repo, ids(b))).as("`b` released").isTrue();
            assertThat(ownsAll(repo, ids(second))).as("what the kept point names").isTrue();
        }
        failover(local, kept.id(), second);
    }

    @Test
    void aCrashAtAnyStepOfACommitLosesNothingAndLeavesNoFilterForEver() throws IOException {
        byte[] a = blocks(21, 4);
        byte[] first = BoundedSweepTest.concat(a, blocks(22, 4));
        byte[] second = BoundedSweepTest.concat(a, blocks(23, 4));
        for (long crashAt = 0; ; crashAt++) {
            Path dir = tmp.resolve("repo-" + crashAt);
            LocalBackend local = new LocalBackend(dir);
            try (Repository repo = open(local)) {
                protect(repo, first);
            }
            FaultInjectingBackend faulty = new FaultInjectingBackend(local);
            Repository repo = Repository.open(faulty, options());
            faulty.crashAt(crashAt, false);
            boolean crashed = false;
            try {
                protect(repo, second);
            } catch (RuntimeException expected) {
                assertThat(faulty.crashed()).as("crash at change %d: %s", crashAt, expected).isTrue();
                crashed = true;
            }
            repo.abandon();
            failover(local, "latest", crashed && repoHasOnePoint(local) ? first : second);
            try (Repository again = open(local)) {
                clock.advance(GRACE.multipliedBy(2));
                protect(again, blocks(24, 4)); // keep 2: drops whatever is older than the last two
                protect(again, blocks(25, 4));
                assertThat(new HashSet<>(local.list(FileType.MANIFESTS))).as("crash at change %d: only named files", crashAt)
                        .isEqualTo(namedManifestFiles(again, "db-1"));
            }
            if (!crashed) {
                return;
            }
        }
    }

    /** The files under {@code manifests/} the machine's points name: their chunks and filter parts. */
    static Set<String> namedManifestFiles(Repository repo, String machine) throws IOException {
        Set<String> named = new HashSet<>();
        for (PointInfo p : repo.points(Optional.of(machine))) {
            PointFile f = repo.manifests.pointFile(machine, p.id());
            f.chunks().forEach(n -> named.add(machine + "/" + n));
            f.blockFilters().forEach(n -> named.add(machine + "/" + n));
        }
        return named;
    }

    static boolean repoHasOnePoint(LocalBackend local) throws IOException {
        return local.list(FileType.POINTS).size() == 1;
    }
}
