package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The deletion of a compaction's old ownership records: every file, several at once, stopped by a failure. */
class ParallelDeletesTest {
    final SharedMemoryBackend store = SharedMemoryBackend.create(Clock.systemUTC());
    final Set<String> deleted = ConcurrentHashMap.newKeySet();

    List<String> files(int n) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = String.format("db-1/20260101T000000Z-%08x", i);
            store.create(new Handle(FileType.MACHINES, name), new byte[] {(byte) i});
            names.add(name);
        }
        return names;
    }

    @Test
    void deletesEveryFileAndHandsEachOver() throws IOException {
        List<String> names = files(50);
        ParallelDeletes.delete(store, FileType.MACHINES, names, deleted::add);
        assertThat(store.list(FileType.MACHINES)).isEmpty();
        assertThat(deleted).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void deletesSeveralAtOnce() throws IOException {
        List<String> names = files(ParallelDeletes.IN_FLIGHT);
        // each delete waits until all are under way: one after another, the first would wait in vain
        CountDownLatch underWay = new CountDownLatch(ParallelDeletes.IN_FLIGHT);
        store.failing.set(h -> {
            underWay.countDown();
            try {
                return !underWay.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return true;
            }
        });
        ParallelDeletes.delete(store, FileType.MACHINES, names, deleted::add);
        assertThat(store.list(FileType.MACHINES)).isEmpty();
    }

    @Test
    void aFailureIsThrownAndLeavesTheFilesNotDeleted() throws IOException {
        List<String> names = files(40);
        String bad = names.get(3);
        store.failing.set(h -> h.equals("machines/" + bad));
        assertThatThrownBy(() -> ParallelDeletes.delete(store, FileType.MACHINES, names, deleted::add))
                .isInstanceOf(IOException.class).hasMessageContaining(bad);
        assertThat(deleted).doesNotContain(bad);
        List<String> left = store.list(FileType.MACHINES);
        assertThat(left).contains(bad).doesNotContainAnyElementsOf(deleted);
        assertThat(left.size() + deleted.size()).isEqualTo(names.size()); // each file either deleted and handed over, or there
    }
}
