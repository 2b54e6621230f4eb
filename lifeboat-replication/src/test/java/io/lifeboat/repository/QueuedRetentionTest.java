package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits whose retention is {@link RetentionTiming#QUEUED} (the vault's): the commit returns a
 * durable point before retention runs, retention still runs after every commit, never drops the new
 * point nor one the policy keeps, and commits close together share its runs.
 */
class QueuedRetentionTest {
    static final int BS = 4096;
    static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** Keep-newest {@code n}, whose retention runs wait for {@code gate} (commits and uploads do not). */
    Repository open(int n, CountDownLatch gate, AtomicInteger runs) {
        StoragePolicy keep = RepositoryOptions.defaults().withKeepNewest(n).policy().get();
        Supplier<StoragePolicy> policy = () -> {
            if (Thread.currentThread().getName().equals("lifeboat-retention")) {
                runs.incrementAndGet();
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return keep;
        };
        return Repository.open(new LocalBackend(dir), RepositoryOptions.defaults().withPolicy(policy)
                .withClock(clock).withPruneGrace(Duration.ofHours(1)));
    }

    PointInfo commit(Repository repo, int version) {
        Cut cut = Fixtures.cutImage(Fixtures.random(100 + version, 12 * BS), BS, SourceKind.IMAGE);
        repo.putBlocks("m", cut.uploadList());
        clock.advance(Duration.ofMinutes(1));
        return repo.commitPoint("m", cut.manifest(), Fixtures.META, RetentionTiming.QUEUED);
    }

    static List<String> ids(Repository repo) {
        return repo.points(Optional.of("m")).stream().map(PointInfo::id).toList();
    }

    @Test
    void aCommitReturnsItsDurablePointBeforeRetentionAndRetentionRunsAfter() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        List<String> committed = new ArrayList<>();
        try (Repository repo = open(2, gate, runs)) {
            for (int v = 0; v < 4; v++) {
                PointInfo p = commit(repo, v); // returns though the first retention run is held
                committed.add(p.id());
                assertThat(ids(repo)).contains(p.id());
                assertThat(repo.manifest("m", p.id()).entries()).isNotEmpty();
            }
            // four points, though the policy keeps two: retention has not run yet
            assertThat(ids(repo)).containsExactlyElementsOf(committed);
            gate.countDown();
            assertThat(repo.awaitRetention(T)).isTrue();
            assertThat(ids(repo)).containsExactlyElementsOf(committed.subList(2, 4));
            // the first run was held while three commits came: they shared one run after it
            assertThat(runs).hasValue(2);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }

    @Test
    void retentionRunsAfterEveryCommit() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        AtomicInteger runs = new AtomicInteger();
        List<String> committed = new ArrayList<>();
        try (Repository repo = open(1, open, runs)) {
            for (int v = 0; v < 3; v++) {
                committed.add(commit(repo, v).id());
                assertThat(repo.awaitRetention(T)).isTrue();
                assertThat(runs).hasValue(v + 1);
                assertThat(ids(repo)).containsExactly(committed.get(v)); // the new point, never pruned
            }
        }
    }

    @Test
    void commitsFromManyThreadsKeepTheNewestAndLoseNothingCommitted() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        AtomicInteger runs = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Repository repo = open(2, open, runs)) {
            for (int t = 0; t < 4; t++) {
                int seed = t;
                Thread th = new Thread(() -> {
                    try {
                        for (int v = 0; v < 3; v++) {
                            PointInfo p = commit(repo, seed * 10 + v);
                            // retention may already have kept only newer points; this one was published
                            assertThat(p.machine()).isEqualTo("m");
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join(60_000);
            }
            assertThat(failures).isEmpty();
            assertThat(repo.awaitRetention(T)).isTrue();
            List<PointInfo> left = repo.points(Optional.of("m"));
            assertThat(left).hasSize(2);
            assertThat(runs.get()).isBetween(1, 12);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
            for (PointInfo p : left) {
                for (BlockId id : Verifier.blocksOf(repo.manifest("m", p.id()))) {
                    assertThat(BlockId.of(repo.readBlock("m", id))).isEqualTo(id);
                }
            }
        }
    }
}
