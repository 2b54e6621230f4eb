package io.lifeboat.repository;

import static io.lifeboat.repository.BoundedSweepTest.BS;
import static io.lifeboat.repository.BoundedSweepTest.blocks;
import static io.lifeboat.repository.BoundedSweepTest.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.backend.FaultInjectingBackend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.restore.Failover;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.RestoreListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded sweep reads the index file only of the packs its in-memory counts ({@link PackCounts})
 * may drop or repack, or do not know; the counts follow the bytes a whole walk finds; and a count that
 * is wrong (a dead block owned again by another machine's upload, a count one block short) is counted
 * again from the pack's index file before anything is dropped, so no live block is lost.
 */
class PackCountsSweepTest {
    @TempDir
    Path tmp;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    LocalBackend local;
    FaultInjectingBackend store;

    Repository open() {
        local = new LocalBackend(tmp.resolve("repo"));
        store = new FaultInjectingBackend(local);
        return Repository.open(store, RepositoryOptions.defaults().withKeepNewest(1).withClock(clock)
                .withPruneGrace(BoundedSweepTest.GRACE).withTableDir(tmp.resolve("tables")));
    }

    void protect(Repository repo, String machine, byte[] image) {
        clock.advance(BoundedSweepTest.GRACE.multipliedBy(2));
        Fixtures.protect(repo, machine, Fixtures.cutImage(image, BS, SourceKind.IMAGE));
    }

    static byte[] block(byte[] image, int i) {
        return Arrays.copyOfRange(image, i * BS, (i + 1) * BS);
    }

    static Pack.Location where(Repository repo, byte[] block) {
        return repo.blocks.index.get(BlockId.of(block));
    }

    /** The pack's {live, dead} bytes as a whole walk counts them now. */
    static long[] walked(Repository repo, String pack) throws IOException {
        return PackTally.whole(repo, null).bytes.get(pack);
    }

    void failover(String machine, byte[] expected) throws IOException {
        Path target = tmp.resolve(machine + "-" + System.nanoTime() + ".img");
        try (Repository repo = Repository.open(new io.lifeboat.repository.backend.ReadOnlyBackend(local), RepositoryOptions.readOnlyDefaults().withOnlyMachines(List.of(machine)))) {
            new Failover(repo, RestoreListener.NONE).run(machine, "latest", target, FailoverOptions.DEFAULT);
        }
        assertThat(Files.readAllBytes(target)).as("%s restored", machine).isEqualTo(expected);
    }

    @Test
    void aMostlyLivePackIsNotReadAndItsCountsAreAWholeWalks() throws IOException {
        byte[] base = blocks(31, 16);
        byte[] second = concat(Arrays.copyOf(base, 15 * BS), blocks(32, 1));
        try (Repository repo = open()) {
            protect(repo, "db-1", base); // the process's first sweep: a whole walk sets the counts
            String pack = where(repo, block(base, 0)).pack();
            long stored = where(repo, block(base, 15)).stored();
            long indexReads = store.wholeReads(FileType.INDEX);
            protect(repo, "db-1", second); // drops the first point: base's last block is released
            assertThat(repo.retention.backlog.wholeWalks()).as("that sweep was bounded").isEqualTo(1);
            assertThat(store.wholeReads(FileType.INDEX) - indexReads).as("index files the bounded sweep read").isZero();
            long[] counted = repo.retention.backlog.counts.of(pack);
            assertThat(counted).as("the released block's bytes moved from live to dead")
                    .containsExactly(15 * stored, stored).containsExactly(walked(repo, pack));
            assertThat(local.list(FileType.DATA)).as("the mostly live pack stays").contains(pack);
            BoundedSweepTest.nothingLeftForAWholeWalk(repo);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
        failover("db-1", second);
    }

    @Test
    void aDeadBlockOwnedAgainKeepsItsPackThoughTheCountsSayDrop() throws IOException {
        byte[] kept = blocks(41, 2);
        byte[] shared = blocks(43, 2);
        byte[] last = blocks(45, 2);
        try (Repository repo = open()) {
            protect(repo, "db-1", concat(kept, shared)); // one pack of four blocks, counted by the whole walk
            String pack = where(repo, block(kept, 0)).pack();
            long stored = where(repo, block(kept, 0)).stored();
            protect(repo, "db-1", concat(kept, blocks(44, 2))); // releases `shared`: two dead, two live
            assertThat(repo.retention.backlog.counts.of(pack)).containsExactly(2 * stored, 2 * stored);
            protect(repo, "web-1", shared); // web-1 owns `shared` again without an upload: the counts do not see it
            protect(repo, "db-1", last); // releases `kept`: the counts say nothing of the pack is live
            assertThat(repo.retention.backlog.wholeWalks()).as("the sweeps after the first were bounded").isEqualTo(1);
            assertThat(local.list(FileType.DATA)).as("counted again from its index file: web-1's blocks are live").contains(pack);
            assertThat(repo.retention.backlog.counts.of(pack)).as("the counts corrected")
                    .containsExactly(2 * stored, 2 * stored).containsExactly(walked(repo, pack));
            BoundedSweepTest.nothingLeftForAWholeWalk(repo);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
        failover("web-1", shared);
        failover("db-1", last);
    }

    @Test
    void aCountOneBlockShortIsNotTrustedToDropAPack() throws IOException {
        byte[] base = blocks(51, 16);
        byte[] second = concat(block(base, 0), blocks(52, 2)); // keeps one block of the first pack
        try (Repository repo = open()) {
            protect(repo, "db-1", base);
            String pack = where(repo, block(base, 0)).pack();
            long stored = where(repo, block(base, 0)).stored();
            repo.retention.backlog.counts.counted(pack, new long[] {15 * stored, 0}); // one block short of live
            protect(repo, "db-1", second); // releases 15 blocks: the counts say the pack has nothing live
            assertThat(repo.retention.backlog.wholeWalks()).as("that sweep was bounded").isEqualTo(1);
            assertThat(local.path(new Handle(FileType.DATA, pack))).as("repacked (more dead than live), not dropped")
                    .doesNotExist();
            assertThat(where(repo, block(base, 0)).pack()).as("the kept block, copied").isNotEqualTo(pack);
            BoundedSweepTest.nothingLeftForAWholeWalk(repo);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
        failover("db-1", second);
    }
}
