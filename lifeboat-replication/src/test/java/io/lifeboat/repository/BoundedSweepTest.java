package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.backend.FaultInjectingBackend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import io.lifeboat.restore.Failover;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.RestoreListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep after a dropped point looks only at the packs of the blocks it released (once a whole walk
 * has run in the process and every ownership record was read): it keeps every block a kept point of
 * the machine or another machine's point names, frees what a whole walk would (a prune after it finds
 * nothing left), finishes later what it could not (a repack that did not fit), and walks whole when an
 * ownership record was unreadable at open, so blocks that record's points name stay.
 */
class BoundedSweepTest {
    static final int BS = 4096;
    /** Shorter than {@link SweepBacklog#WHOLE_WALK_EVERY}, so the clock's steps below do not call for a whole walk. */
    static final Duration GRACE = Duration.ofMinutes(1);

    @TempDir
    Path tmp;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    Path repoDir() {
        return tmp.resolve("repo");
    }

    Repository open(LocalBackend local) {
        return Repository.open(local, RepositoryOptions.defaults().withKeepNewest(1).withClock(clock)
                .withPruneGrace(GRACE).withTableDir(tmp.resolve("tables")));
    }

    /** {@code n} random blocks of {@link #BS} bytes from {@code seed} (no zero block: each is stored). */
    static byte[] blocks(int seed, int n) {
        return Fixtures.random(seed, n * BS);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    PointInfo protect(Repository repo, String machine, byte[] image) {
        clock.advance(GRACE.multipliedBy(2)); // what the last point named is past the grace period
        return Fixtures.protect(repo, machine, Fixtures.cutImage(image, BS, SourceKind.IMAGE));
    }

    void failover(LocalBackend local, String machine, byte[] expected) throws IOException {
        Path target = tmp.resolve(machine + "-" + System.nanoTime() + ".img");
        try (Repository repo = Repository.open(new ReadOnlyBackend(local),
                RepositoryOptions.readOnlyDefaults().withOnlyMachines(List.of(machine)))) {
            new Failover(repo, RestoreListener.NONE).run(machine, "latest", target, FailoverOptions.DEFAULT);
        }
        assertThat(Files.readAllBytes(target)).as("%s restored", machine).isEqualTo(expected);
    }

    /** A prune of every machine walks whole: after bounded sweeps it must find nothing left to free. */
    static void nothingLeftForAWholeWalk(Repository repo) {
        PruneReport whole = repo.prune(PruneRequest.byPolicy(false));
        assertThat(whole.packsDeleted()).as("packs a whole walk still frees").isZero();
        assertThat(whole.packsRepacked()).as("packs a whole walk still repacks").isZero();
    }

    @Test
    void aBoundedSweepKeepsWhatOtherPointsNameAndFreesWhatAWholeWalkWould() throws IOException {
        LocalBackend local = new LocalBackend(repoDir());
        byte[] shared = blocks(1, 4);
        byte[] web = concat(shared, blocks(2, 4));
        byte[] kept = blocks(4, 4);
        byte[] db3 = blocks(6, 4);
        try (Repository repo = open(local)) {
            protect(repo, "web-1", web); // the process's first sweep walks whole
            protect(repo, "db-1", concat(shared, blocks(3, 12), kept)); // stores only db-1's own blocks
            protect(repo, "db-1", concat(kept, blocks(5, 4))); // releases `shared` (web-1 owns it) and 12 dead blocks
            assertThat(local.list(FileType.DATA)).as("web-1's pack, the repacked `kept`, the 2nd point's new pack").hasSize(3);
            protect(repo, "db-1", db3); // releases `kept` and the 2nd point's new blocks: their packs go
            assertThat(repo.retention.backlog.wholeWalks()).as("the sweeps after the first were bounded").isEqualTo(1);
            assertThat(local.list(FileType.DATA)).as("web-1's pack and db-1's last").hasSize(2);
            nothingLeftForAWholeWalk(repo);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
        failover(local, "web-1", web);
        failover(local, "db-1", db3);
    }

    @Test
    void anHourAfterTheLastWholeWalkTheNextSweepWalksWholeAgain() {
        try (Repository repo = open(new LocalBackend(repoDir()))) {
            protect(repo, "db-1", blocks(7, 4));
            protect(repo, "db-1", blocks(8, 4));
            assertThat(repo.retention.backlog.wholeWalks()).as("the first sweep only").isEqualTo(1);
            clock.advance(SweepBacklog.WHOLE_WALK_EVERY);
            protect(repo, "db-1", blocks(9, 4));
            assertThat(repo.retention.backlog.wholeWalks()).as("what no release points at is looked for again").isEqualTo(2);
        }
    }

    @Test
    void aRepackThatDidNotFitIsDoneByTheNextBoundedSweep() throws IOException {
        LocalBackend local = new LocalBackend(repoDir());
        FaultInjectingBackend faulty = new FaultInjectingBackend(local);
        byte[] kept = blocks(11, 4);
        byte[] last = blocks(13, 4);
        try (Repository repo = Repository.open(faulty, RepositoryOptions.defaults().withKeepNewest(1).withClock(clock)
                .withPruneGrace(GRACE).withTableDir(tmp.resolve("tables")))) {
            protect(repo, "db-1", concat(blocks(10, 12), kept));
            List<String> first = local.list(FileType.DATA);
            assertThat(first).as("one pack").hasSize(1);
            clock.advance(GRACE.multipliedBy(2));
            Fixtures.Cut second = Fixtures.cutImage(concat(kept, blocks(12, 4)), BS, SourceKind.IMAGE);
            var missing = repo.missing("db-1", second.uploads().keySet());
            repo.putBlocks("db-1", second.uploads().values().stream().filter(u -> missing.contains(u.id())).toList());
            clock.advance(GRACE.multipliedBy(2));
            // the upload's pack (its group commit), the point and the compacted records fit; the repack's pack does not
            faulty.diskFullAfter(24 * 1024);
            repo.commitPoint("db-1", second.manifest(), Fixtures.META);
            Path left = local.path(new Handle(FileType.DATA, first.get(0)));
            assertThat(left).as("the first pack, more dead than live, left whole").exists();
            faulty.diskFullAfter(Long.MAX_VALUE);
            protect(repo, "db-1", concat(kept, last)); // drops the second point: nothing of the first pack released
            assertThat(left).as("repacked by the next sweep").doesNotExist();
            assertThat(repo.retention.backlog.wholeWalks()).as("that sweep was bounded").isEqualTo(1);
            nothingLeftForAWholeWalk(repo);
        }
        failover(local, "db-1", concat(kept, last));
    }

    @Test
    void anUnreadableRecordMakesSweepsWalkWholeAndLookInTheManifests() throws IOException {
        LocalBackend local = new LocalBackend(repoDir());
        byte[] shared = blocks(21, 4);
        byte[] web = concat(shared, blocks(22, 4));
        try (Repository repo = open(local)) {
            protect(repo, "web-1", web);
            protect(repo, "db-1", concat(shared, blocks(23, 4)));
        }
        List<String> webRecords = RepositoryFiles.names(local.list(FileType.MACHINES), "web-1");
        java.util.Map<String, byte[]> good = new java.util.HashMap<>();
        for (String f : webRecords) {
            Path p = local.path(new Handle(FileType.MACHINES, f));
            good.put(f, Files.readAllBytes(p));
            byte[] flipped = Files.readAllBytes(p);
            flipped[flipped.length / 2] ^= 0x10;
            Files.write(p, flipped);
        }
        int wholeWalks;
        try (Repository repo = open(local)) {
            protect(repo, "db-1", concat(shared, blocks(24, 4))); // the process's first sweep: whole
            // releases `shared`: no machine owns it now (web-1's records were unreadable), but web-1's
            // point names it, which only the manifests tell
            protect(repo, "db-1", blocks(25, 4));
            wholeWalks = repo.retention.backlog.wholeWalks();
        }
        for (String f : webRecords) {
            Files.write(local.path(new Handle(FileType.MACHINES, f)), good.get(f));
        }
        failover(local, "web-1", web); // `shared` is still stored
        assertThat(wholeWalks).as("no sweep was bounded").isEqualTo(2);
    }
}
