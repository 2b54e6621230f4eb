package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.ForwardingBackend;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.MemoryBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit of pack data ({@link PackSync}): uploads are written behind, a commit makes what it
 * names durable before its point exists, and waiting commits share one round of syncs. A "crash" here
 * is {@link Repository#abandon}: the object is dropped as a killed process would leave it, staged
 * temporaries and all (KillNineTest does the same with a real SIGKILL).
 */
class GroupCommitTest {
    static final int BS = 4096;

    @TempDir
    Path dir;

    private Repository open() {
        return Repository.open(new LocalBackend(dir), RepositoryOptions.defaults().withPackTargetBytes(8 * BS));
    }

    private static List<BlockId> upload(Repository repo, Cut cut) {
        List<BlockUpload> all = cut.uploadList();
        for (int i = 0; i < all.size(); i += 5) {
            repo.putBlocks("m", all.subList(i, Math.min(all.size(), i + 5)));
        }
        return all.stream().map(BlockUpload::id).toList();
    }

    @Test
    void anAnsweredUploadIsWrittenBehindAndACrashBeforeACommitLeavesItsBlocksMissing() throws Exception {
        Cut cut = Fixtures.cutImage(Fixtures.image(1, 24, BS), BS, SourceKind.IMAGE);
        Repository repo = open();
        List<BlockId> ids = upload(repo, cut);
        assertThat(repo.missing("m", ids)).as("the blocks count as stored once answered").isEmpty();
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .as("written behind: only temporaries, no pack under its name yet").allMatch(n -> n.startsWith(".tmp-"));
        }
        repo.abandon();
        try (Repository again = open()) {
            assertThat(again.missing("m", ids)).as("nothing that was not made durable is trusted").containsExactlyElementsOf(ids);
            assertThat(again.verify(Optional.empty()).damaged()).isEmpty();
            PointInfo done = Fixtures.protect(again, "m", cut); // the agent sends them again
            assertThat(again.point("m", "latest")).isEqualTo(done);
        }
    }

    /** Fails if a commit were allowed before the sync: its point would name blocks the crash removed. */
    @Test
    void aCommitMakesTheBlocksItNamesDurableBeforeThePointExists() throws Exception {
        Cut cut = Fixtures.cutImage(Fixtures.image(2, 24, BS), BS, SourceKind.IMAGE);
        Repository repo = open();
        List<BlockId> ids = upload(repo, cut);
        PointInfo point = repo.commitPoint("m", cut.manifest(), Fixtures.META);
        repo.abandon(); // killed right after the commit was answered
        try (Repository again = open()) {
            assertThat(again.point("m", "latest")).isEqualTo(point);
            for (BlockId id : Verifier.blocksOf(again.manifest("m", point.id()))) {
                assertThat(BlockId.of(again.readBlock("m", id))).isEqualTo(id);
            }
            assertThat(again.missing("m", ids)).isEmpty();
            assertThat(again.verify(Optional.empty()).ok()).isTrue();
        }
    }

    @Test
    void aBlockWhosePackIsStillStagedReadsBack() {
        Cut cut = Fixtures.cutImage(Fixtures.image(3, 6, BS), BS, SourceKind.IMAGE);
        try (Repository repo = open()) {
            List<BlockId> ids = upload(repo, cut);
            assertThat(repo.blocks.sync.isPending(repo.blocks.index.get(ids.get(0)).pack())).isTrue();
            assertThat(BlockId.of(repo.readBlock("m", ids.get(0)))).isEqualTo(ids.get(0));
            assertThat(repo.blocks.sync.isPending(repo.blocks.index.get(ids.get(0)).pack())).isFalse();
        }
    }

    @Test
    void aCleanCloseKeepsEveryAnsweredUpload() {
        Cut cut = Fixtures.cutImage(Fixtures.image(4, 12, BS), BS, SourceKind.IMAGE);
        List<BlockId> ids;
        try (Repository repo = open()) {
            ids = upload(repo, cut);
        }
        try (Repository again = open()) {
            assertThat(again.missing("m", ids)).isEmpty();
        }
    }

    /**
     * Commits that arrive while a sync runs wait for it and then share one more: with one sync held
     * open, two other uploaders' commits cost one round of syncs between them, not two.
     */
    @Test
    void commitsWaitingAtOnceShareOneSync() throws Exception {
        CountDownLatch inFirstPublish = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger publishes = new AtomicInteger();
        Backend slow = new SlowPublish(new MemoryBackend(), publishes, inFirstPublish, releaseFirst);
        try (Repository repo = Repository.open(slow, RepositoryOptions.defaults().withPackTargetBytes(8 * BS))) {
            List<Cut> cuts = new ArrayList<>();
            for (int m = 0; m < 3; m++) {
                cuts.add(Fixtures.cutImage(Fixtures.image(10 + m, 6, BS), BS, SourceKind.IMAGE));
            }
            List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            repo.putBlocks("a", cuts.get(0).uploadList());
            Thread first = commitIn(repo, "a", cuts.get(0), errors);
            assertThat(inFirstPublish.await(10, TimeUnit.SECONDS)).isTrue();
            repo.putBlocks("b", cuts.get(1).uploadList());
            repo.putBlocks("c", cuts.get(2).uploadList());
            long before = repo.blocks.sync.syncs();
            Thread second = commitIn(repo, "b", cuts.get(1), errors);
            Thread third = commitIn(repo, "c", cuts.get(2), errors);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (repo.rw.getReadLockCount() < 3 && System.nanoTime() < deadline) { // all three inside, waiting
                Thread.onSpinWait();
            }
            Thread.sleep(50);
            releaseFirst.countDown();
            for (Thread t : List.of(first, second, third)) {
                t.join(10_000);
            }
            assertThat(errors).isEmpty();
            assertThat(repo.blocks.sync.syncs() - before).as("the first sync, then one shared by the two waiting").isEqualTo(2);
            for (String m : List.of("a", "b", "c")) {
                assertThat(repo.points(Optional.of(m))).hasSize(1);
            }
        }
    }

    private static Thread commitIn(Repository repo, String machine, Cut cut, List<Throwable> errors) {
        Thread t = new Thread(() -> {
            try {
                repo.commitPoint(machine, cut.manifest(), Fixtures.META);
            } catch (Throwable e) {
                errors.add(e);
            }
        });
        t.start();
        return t;
    }

    /** A store whose first publish waits until the test lets it go, counting publishes. */
    private static final class SlowPublish extends ForwardingBackend {
        private final AtomicInteger publishes;
        private final CountDownLatch entered;
        private final CountDownLatch release;

        SlowPublish(Backend d, AtomicInteger publishes, CountDownLatch entered, CountDownLatch release) {
            super(d);
            this.publishes = publishes;
            this.entered = entered;
            this.release = release;
        }

        @Override
        public void publish(List<Staged> files) throws IOException {
            if (publishes.incrementAndGet() == 1) {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            super.publish(files);
        }
    }
}
