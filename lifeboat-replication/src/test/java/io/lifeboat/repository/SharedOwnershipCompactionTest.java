package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.FileType;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A prune on a shared store rewrites a machine's ownership records from its own table into new files and
 * deletes the old ones. The pruning node must not read its new files back, nor take the old files'
 * absence for another node's compaction (which made it read every file of the machine again: two GETs
 * of each on Azure Blob); a node that did not compact must read them again; and every node's ownership
 * stays what the files on the store say.
 */
class SharedOwnershipCompactionTest extends SharedNodes {
    @Test
    void aPruningNodeDoesNotReadBackTheOwnershipRecordsItCompacted() throws IOException {
        Cut first = SharedStoreTest.image(1);
        Cut last = SharedStoreTest.image(3);
        try (Repository one = node("one"); Repository two = node("two")) {
            Fixtures.protect(one, "db-1", first);
            clock.advance(Duration.ofSeconds(2));
            Fixtures.protect(one, "db-1", SharedStoreTest.image(2));
            clock.advance(Duration.ofSeconds(2));
            Fixtures.protect(one, "db-1", last); // the only point kept: the others' blocks go after the grace period
            clock.advance(Duration.ofHours(2));
            Set<String> before = Set.copyOf(store.list(FileType.MACHINES));
            two.prune(PruneRequest.byPolicy(false));
            Set<String> written = new HashSet<>(store.list(FileType.MACHINES));
            written.removeAll(before);
            assertThat(written).as("db-1's ownership compacted by node two").isNotEmpty();
            assertThat(store.list(FileType.MACHINES)).as("its old records deleted").doesNotContainAnyElementsOf(before);

            store.reads.clear();
            clock.advance(Duration.ofSeconds(2));
            two.prune(PruneRequest.byPolicy(false)); // refreshes first: nothing under machines/ is new to node two
            assertThat(store.reads).as("machines/ read by node two").noneMatch(r -> r.startsWith("machines/"));
            Set<BlockId> stored;
            try (Repository fresh = node("fresh")) {
                stored = owned(fresh, "db-1");
            }
            assertThat(stored).containsAll(last.uploads().keySet()).doesNotContainAnyElementsOf(first.uploads().keySet());
            assertThat(owned(two, "db-1")).as("node two's table, as the files say").isEqualTo(stored);

            store.reads.clear();
            clock.advance(Duration.ofSeconds(2));
            assertThat(one.missing("db-1", last.uploads().keySet())).isEmpty(); // refreshes: node one did not compact
            assertThat(store.reads).as("node one reads the new records").containsAll(written.stream()
                    .map(n -> "machines/" + n).toList());
            assertThat(owned(one, "db-1")).as("node one's table, as the files say").isEqualTo(stored);

            Cut web = SharedStoreTest.image(4); // and node two still learns records written after
            Fixtures.protect(one, "web-1", web);
            clock.advance(Duration.ofSeconds(2));
            assertThat(two.missing("web-1", web.uploads().keySet())).isEmpty();
            assertThat(two.verify(java.util.Optional.empty()).ok()).isTrue();
        }
    }

    static Set<BlockId> owned(Repository repo, String machine) {
        Set<BlockId> ids = new HashSet<>();
        repo.blocks.owned.forEach(machine, (id, times) -> ids.add(id));
        return ids;
    }
}
