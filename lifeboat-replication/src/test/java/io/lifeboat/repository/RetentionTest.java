package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.LocalBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    static final int BS = 4096;

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    Repository open(int keep) {
        return Repository.open(new LocalBackend(dir), RepositoryOptions.defaults().withKeepNewest(keep)
                .withClock(clock).withPruneGrace(Duration.ofHours(1)));
    }

    long storedBytes() throws IOException {
        LocalBackend b = new LocalBackend(dir);
        long sum = 0;
        for (String p : b.list(FileType.DATA)) {
            sum += b.size(new io.lifeboat.repository.backend.Handle(FileType.DATA, p)).orElse(0);
        }
        return sum;
    }

    @Test
    void keepsTheNewestPointsAndPrunesBlocksNoPointNeeds() throws IOException {
        List<Cut> versions = new ArrayList<>();
        try (Repository repo = open(2)) {
            for (int v = 0; v < 4; v++) {
                Cut cut = Fixtures.cutImage(Fixtures.random(100 + v, 20 * BS), BS, SourceKind.IMAGE);
                versions.add(cut);
                Fixtures.protect(repo, "m", cut);
                clock.advance(Duration.ofHours(2));
            }
            List<PointInfo> points = repo.points(Optional.of("m"));
            assertThat(points).hasSize(2);
            // the two oldest versions' blocks are gone: stored bytes are about two versions' worth
            assertThat(storedBytes()).isLessThan(3L * 20 * BS);
            assertThat(repo.missing("m", versions.get(0).uploads().keySet())).hasSize(versions.get(0).uploads().size());
            assertThat(repo.missing("m", versions.get(3).uploads().keySet())).isEmpty();
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
        try (Repository repo = open(2)) {
            assertThat(repo.points(Optional.of("m"))).hasSize(2);
            for (Cut c : versions.subList(2, 4)) {
                for (BlockUpload u : c.uploads().values()) {
                    assertThat(BlockId.of(repo.readBlock("m", u.id()))).isEqualTo(u.id());
                }
            }
        }
    }

    @Test
    void blocksOfAPointBeingUploadedSurviveRetention() {
        try (Repository repo = open(1)) {
            Cut first = Fixtures.cutImage(Fixtures.random(1, 8 * BS), BS, SourceKind.IMAGE);
            Fixtures.protect(repo, "m", first);
            clock.advance(Duration.ofHours(3));
            // the next protect uploads new blocks but has not committed yet ...
            Cut inFlight = Fixtures.cutImage(Fixtures.random(2, 8 * BS), BS, SourceKind.IMAGE);
            repo.putBlocks("m", inFlight.uploadList());
            // ... and was told the old blocks are present
            repo.missing("m", first.uploads().keySet());
            // another point commits, so retention runs and drops the first point
            Cut other = Fixtures.cutImage(Fixtures.random(3, 8 * BS), BS, SourceKind.IMAGE);
            Fixtures.protect(repo, "m", other);
            assertThat(repo.points(Optional.of("m"))).hasSize(1);
            assertThat(repo.missing("m", inFlight.uploads().keySet())).isEmpty();
            assertThat(repo.missing("m", first.uploads().keySet())).isEmpty();
            Fixtures.protect(repo, "m", inFlight);
        }
    }

    @Test
    void blocksSharedWithAnotherMachineStayWhileThatMachineNeedsThem() {
        Cut shared = Fixtures.cutImage(Fixtures.random(7, 10 * BS), BS, SourceKind.IMAGE);
        try (Repository repo = open(1)) {
            Fixtures.protect(repo, "a", shared);
            Fixtures.protect(repo, "b", shared);
            clock.advance(Duration.ofHours(2));
            Fixtures.protect(repo, "a", Fixtures.cutImage(Fixtures.random(8, 10 * BS), BS, SourceKind.IMAGE));
            assertThat(repo.missing("a", shared.uploads().keySet())).hasSize(shared.uploads().size());
            assertThat(repo.missing("b", shared.uploads().keySet())).isEmpty();
            for (BlockUpload u : shared.uploads().values()) {
                assertThat(BlockId.of(repo.readBlock("b", u.id()))).isEqualTo(u.id());
            }
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }

    @Test
    void mostlyDeadPacksAreRepacked() throws IOException {
        try (Repository repo = open(1)) {
            byte[] img = Fixtures.random(9, 40 * BS);
            Cut v1 = Fixtures.cutImage(img, BS, SourceKind.IMAGE);
            Fixtures.protect(repo, "m", v1);
            clock.advance(Duration.ofHours(2));
            // v2 keeps 10 of v1's 40 blocks: the one pack of v1 is three quarters dead
            byte[] img2 = img.clone();
            System.arraycopy(Fixtures.random(10, 30 * BS), 0, img2, 10 * BS, 30 * BS);
            Cut v2 = Fixtures.cutImage(img2, BS, SourceKind.IMAGE);
            Fixtures.protect(repo, "m", v2);
            assertThat(storedBytes()).isLessThan(45L * BS);
            for (BlockUpload u : v2.uploads().values()) {
                assertThat(BlockId.of(repo.readBlock("m", u.id()))).isEqualTo(u.id());
            }
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }

    /**
     * On a store this vault alone writes, a kept point whose file has gone (a hand in the folder, a bad
     * disk) is damage, not a withdrawal: a prune stops on it, naming the point, and drops none of the
     * blocks the point named (a shared store's sweep takes such a point for withdrawn: SharedSweepPointsTest).
     */
    @Test
    void aPruneStopsOnAKeptPointWhoseFileIsGoneAndDropsNoneOfItsBlocks() throws IOException {
        try (Repository repo = open(2)) {
            PointInfo first = Fixtures.protect(repo, "m", Fixtures.cutImage(Fixtures.random(950, 8 * BS), BS, SourceKind.IMAGE));
            clock.advance(Duration.ofMinutes(5));
            Cut second = Fixtures.cutImage(Fixtures.random(951, 8 * BS), BS, SourceKind.IMAGE);
            PointInfo kept = Fixtures.protect(repo, "m", second);
            clock.advance(Duration.ofHours(2)); // past the grace period: the first point's blocks may go
            java.nio.file.Files.delete(new LocalBackend(dir).path(
                    new io.lifeboat.repository.backend.Handle(FileType.POINTS, "m/" + kept.id())));

            assertThatThrownBy(() -> repo.prune(new PruneRequest(Optional.of("m"), Set.of(first.id()), true, false)))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining("no point " + kept.id());
            for (BlockUpload u : second.uploads().values()) {
                assertThat(BlockId.of(repo.readBlock("m", u.id()))).isEqualTo(u.id());
            }
        }
    }

    Repository open(StoragePolicy policy) {
        return Repository.open(new LocalBackend(dir), RepositoryOptions.defaults().withPolicy(policy)
                .withClock(clock).withPruneGrace(Duration.ofHours(1)));
    }

    static Cut withSource(Cut cut, String source) {
        Manifest m = cut.manifest();
        return new Cut(new Manifest(m.formatVersion(), source, m.kind(), m.blockSize(), m.entries()), cut.uploads());
    }

    @Test
    void aMachineProtectingThirtyPathsKeepsAPointOfEveryPath() {
        try (Repository repo = open(StoragePolicy.DEFAULT)) {
            for (int i = 0; i < 30; i++) {
                Cut cut = withSource(Fixtures.cutImage(Fixtures.random(500 + i, 2 * BS), BS, SourceKind.IMAGE), "/data/path-" + i);
                Fixtures.protect(repo, "m", cut);
                clock.advance(Duration.ofMinutes(1));
            }
            // two months on, the first path is protected again: retention runs over all of them
            clock.advance(Duration.ofDays(60));
            Fixtures.protect(repo, "m", withSource(Fixtures.cutImage(Fixtures.random(600, 2 * BS), BS, SourceKind.IMAGE),
                    "/data/path-0"));
            // (the commit's own retention replaced path-0's old point; the prune finds nothing more to do)
            assertThat(repo.prune(PruneRequest.byPolicy(false)).removed()).isEmpty();
            List<PointInfo> points = repo.points(Optional.of("m"));
            assertThat(points.stream().map(PointInfo::source).distinct()).hasSize(30);
            assertThat(points).hasSize(30);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }

    @Test
    void fiftyPointsInAMinuteSomeAllZeroDeleteNothingInsideTheLockPeriod() {
        StoragePolicy policy = new StoragePolicy(RetentionPolicy.keepLast(3), Map.of(), Duration.ofHours(24), 0);
        try (Repository repo = open(policy)) {
            List<PointInfo> real = new ArrayList<>();
            for (int v = 0; v < 5; v++) {
                real.add(Fixtures.protect(repo, "m", Fixtures.cutImage(Fixtures.random(700 + v, 8 * BS), BS, SourceKind.IMAGE)));
                clock.advance(Duration.ofSeconds(1));
            }
            // the machine (or ransomware with its certificate) floods the vault with all-zero manifests
            Cut zeros = Fixtures.cutImage(new byte[8 * BS], BS, SourceKind.IMAGE);
            for (int v = 0; v < 45; v++) {
                Fixtures.protect(repo, "m", v % 3 == 0 ? Fixtures.cutImage(Fixtures.random(800 + v, 8 * BS), BS,
                        SourceKind.IMAGE) : zeros);
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(repo.points(Optional.of("m"))).hasSize(50).containsAll(real);
            for (PointInfo p : real) {
                for (BlockId id : Verifier.blocksOf(repo.manifest("m", p.id()))) {
                    assertThat(BlockId.of(repo.readBlock("m", id))).isEqualTo(id);
                }
            }
            // the operator's dry run: policy would drop 47, the lock period holds them all
            PruneReport held = repo.prune(PruneRequest.byPolicy(true));
            assertThat(held.dropped()).isEmpty();
            assertThat(held.decisions().stream().filter(d -> d.verdict() == RetentionPlan.Verdict.HELD)).hasSize(47);
            PruneReport wouldDrop = repo.prune(new PruneRequest(Optional.of("m"), Set.of(), true, true));
            assertThat(wouldDrop.dropped()).hasSize(47).containsAll(real);
            assertThat(wouldDrop.removed()).isEmpty();
            assertThat(repo.points(Optional.of("m"))).hasSize(50);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }

    @Test
    void onlyTheOperatorsPruneDeletesInsideTheLockPeriodAndItSaysWhat() throws IOException {
        StoragePolicy policy = new StoragePolicy(RetentionPolicy.keepLast(1), Map.of(), Duration.ofHours(24), 0);
        try (Repository repo = open(policy)) {
            List<PointInfo> points = new ArrayList<>();
            for (int v = 0; v < 3; v++) {
                points.add(Fixtures.protect(repo, "m", Fixtures.cutImage(Fixtures.random(900 + v, 8 * BS), BS, SourceKind.IMAGE)));
                clock.advance(Duration.ofMinutes(5));
            }
            clock.advance(Duration.ofHours(2)); // past the upload grace, still inside the lock period
            assertThatThrownBy(() -> repo.prune(new PruneRequest(Optional.of("m"), Set.of("nope"), false, false)))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining("no point nope")
                    .hasMessageContaining("nothing was deleted");
            PruneReport one = repo.prune(new PruneRequest(Optional.of("m"), Set.of(points.get(1).id()), false, false));
            assertThat(one.removed()).containsExactly(points.get(1));
            assertThat(one.decisions()).filteredOn(d -> d.point().equals(points.get(1)))
                    .extracting(d -> d.reasons().get(0)).containsExactly("named by the operator");
            assertThat(repo.points(Optional.of("m"))).containsExactly(points.get(0), points.get(2));
            PruneReport rest = repo.prune(new PruneRequest(Optional.empty(), Set.of(), true, false));
            assertThat(rest.removed()).containsExactly(points.get(0));
            assertThat(rest.packsDeleted()).isPositive();
            assertThat(repo.points(Optional.of("m"))).containsExactly(points.get(2));
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
        try (Repository repo = open(policy)) {
            assertThat(repo.points(Optional.of("m"))).hasSize(1);
            assertThat(storedBytes()).isLessThan(12L * BS);
        }
    }

    @Test
    void aChangedPolicyTakesEffectAtTheNextCommitWithoutReopening() {
        AtomicReference<StoragePolicy> policy = new AtomicReference<>(
                new StoragePolicy(RetentionPolicy.keepLast(5), Map.of(), Duration.ZERO, 0));
        try (Repository repo = Repository.open(new LocalBackend(dir), RepositoryOptions.defaults()
                .withPolicy(policy::get).withClock(clock).withPruneGrace(Duration.ofHours(1)))) {
            for (int v = 0; v < 5; v++) {
                Fixtures.protect(repo, "m", Fixtures.cutImage(Fixtures.random(950 + v, 4 * BS), BS, SourceKind.IMAGE));
                clock.advance(Duration.ofHours(1));
            }
            assertThat(repo.points(Optional.of("m"))).hasSize(5);
            policy.set(new StoragePolicy(RetentionPolicy.keepLast(2), Map.of(), Duration.ZERO, 0));
            Fixtures.protect(repo, "m", Fixtures.cutImage(Fixtures.random(960, 4 * BS), BS, SourceKind.IMAGE));
            assertThat(repo.points(Optional.of("m"))).hasSize(2);
        }
        // a policy that cannot be read stops retention; the commit still succeeds and nothing is deleted
        try (Repository repo = Repository.open(new LocalBackend(dir), RepositoryOptions.defaults().withPolicy(() -> {
            throw new io.lifeboat.tls.LifeboatException(io.lifeboat.tls.LifeboatException.Kind.USAGE, "policy.json is damaged");
        }).withClock(clock))) {
            Fixtures.protect(repo, "m", Fixtures.cutImage(Fixtures.random(970, 4 * BS), BS, SourceKind.IMAGE));
            assertThat(repo.points(Optional.of("m"))).hasSize(3);
        }
    }
}
