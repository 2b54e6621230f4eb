package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link RetentionQueue} with a stand-in run that records when and where it ran. */
class RetentionQueueTest {
    private static final Duration T = Duration.ofSeconds(20);

    /** A run that waits for {@link #release} and records its machine and thread. */
    static final class HeldRun {
        final List<String> ran = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger mostInside = new AtomicInteger();

        void run(String machine) {
            int n = inside.incrementAndGet();
            mostInside.accumulateAndGet(n, Math::max);
            try {
                started.countDown();
                release.await(20, TimeUnit.SECONDS);
                ran.add(machine);
                threads.add(Thread.currentThread().getName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    @Test
    void anOwedRunRunsAfterTheCallReturnedOnTheQueuesThread() throws Exception {
        HeldRun run = new HeldRun();
        RetentionQueue queue = new RetentionQueue(run::run);
        queue.owe("m"); // returns while the run waits
        assertThat(run.started.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(run.ran).isEmpty();
        run.release.countDown();
        assertThat(queue.awaitIdle(T)).isTrue();
        assertThat(run.ran).containsExactly("m");
        assertThat(run.threads).containsExactly("lifeboat-retention");
    }

    @Test
    void commitsOwedDuringARunShareOneMoreRunAfterIt() throws Exception {
        HeldRun run = new HeldRun();
        RetentionQueue queue = new RetentionQueue(run::run);
        queue.owe("m");
        assertThat(run.started.await(20, TimeUnit.SECONDS)).isTrue();
        // two more commits of m and one of n while m's first run is under way
        queue.owe("m");
        queue.owe("n");
        queue.owe("m");
        run.release.countDown();
        assertThat(queue.awaitIdle(T)).isTrue();
        // m again after the run that started before its later commits, once; n once
        assertThat(run.ran).containsExactly("m", "m", "n");
        assertThat(run.mostInside).hasValue(1);
    }

    @Test
    void noTwoRunsOverlapQueuedOrOnTheCallersThread() throws Exception {
        HeldRun held = new HeldRun();
        RetentionQueue queue = new RetentionQueue(held::run);
        queue.owe("m");
        assertThat(held.started.await(20, TimeUnit.SECONDS)).isTrue();
        Thread now = new Thread(() -> queue.runNow("n"), "committer");
        now.start();
        Thread.sleep(200); // it would have entered by now if it did not wait
        assertThat(held.mostInside).hasValue(1);
        held.release.countDown();
        now.join(20_000);
        assertThat(queue.awaitIdle(T)).isTrue();
        assertThat(held.ran).containsExactlyInAnyOrder("m", "n");
        assertThat(held.mostInside).hasValue(1);
    }

    @Test
    void closeWaitsForTheRunUnderWayAndDropsWhatIsOwed() throws Exception {
        HeldRun run = new HeldRun();
        RetentionQueue queue = new RetentionQueue(run::run);
        queue.owe("m");
        assertThat(run.started.await(20, TimeUnit.SECONDS)).isTrue();
        queue.owe("n");
        Thread closer = new Thread(queue::close);
        closer.start();
        closer.join(300);
        assertThat(closer.isAlive()).as("close waits for the run under way").isTrue();
        run.release.countDown();
        closer.join(20_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(run.ran).containsExactly("m"); // n's retention waits for its next commit
        queue.owe("n");
        assertThat(queue.awaitIdle(T)).isTrue();
        assertThat(run.ran).containsExactly("m");
    }
}
