package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.FileType;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A node's refresh on a shared store reads only what other nodes wrote: not the point files its own
 * commits created, nor the ownership records and pack indexes its own uploads wrote (each is in its
 * tables already: on Azure Blob a GET each at the next commit). What another node wrote is still read.
 */
class SharedRefreshOwnFilesTest extends SharedNodes {
    @Test
    void aNodeReadsBackNothingItWroteAndStillReadsWhatAnotherWrote() throws IOException {
        try (Repository one = node("one"); Repository two = node("two");
                PruneLease elsewhere = PruneLease.tryTake(store.node(), true).orElseThrow()) {
            // while a third node holds the prune lease, the commits run no retention, whose sweep reads the
            // machine's point files: what node one reads of the files it wrote below is its refreshes'
            Set<String> before = files();
            store.reads.clear();
            Fixtures.protect(one, "db-1", SharedStoreTest.image(1)); // its retention refreshes after the commit
            Set<String> ones = files();
            ones.removeAll(before);
            assertThat(ones).as("node one's point, record and index")
                    .anyMatch(f -> f.startsWith("points/")).anyMatch(f -> f.startsWith("machines/"))
                    .anyMatch(f -> f.startsWith("index/"));
            clock.advance(Duration.ofSeconds(2));
            Cut second = SharedStoreTest.image(2);
            Fixtures.protect(one, "db-1", second); // refreshes (missing, before its check, its retention)
            Set<String> all = files();
            all.removeAll(before);
            ones.addAll(all);
            assertThat(store.reads).as("what node one read back").doesNotContainAnyElementsOf(ones);

            ones.retainAll(files()); // (less the first point, which retention keeping one point deleted)
            store.reads.clear();
            clock.advance(Duration.ofSeconds(2));
            assertThat(two.missing("db-1", second.uploads().keySet())).isEmpty(); // node two wrote none of them
            assertThat(store.reads).as("node two reads node one's files").containsAll(ones);

            Set<String> now = files();
            Cut web = SharedStoreTest.image(3);
            Fixtures.protect(two, "web-1", web);
            Set<String> twos = files();
            twos.removeAll(now);
            store.reads.clear();
            clock.advance(Duration.ofSeconds(2));
            assertThat(one.missing("web-1", web.uploads().keySet())).isEmpty();
            assertThat(store.reads).as("node one reads node two's files").containsAll(twos);

            try (Repository fresh = node("fresh")) {
                for (Repository node : List.of(one, two)) {
                    for (String machine : List.of("db-1", "web-1")) {
                        assertThat(SharedOwnershipCompactionTest.owned(node, machine)).as("%s's ownership", machine)
                                .isEqualTo(SharedOwnershipCompactionTest.owned(fresh, machine));
                        assertThat(node.points(Optional.of(machine))).isEqualTo(fresh.points(Optional.of(machine)));
                    }
                }
            }
            assertThat(one.verify(Optional.empty()).ok()).isTrue();
        }
    }

    /** Every point file, ownership record and pack index on the store, as {@code folder/name}. */
    Set<String> files() throws IOException {
        Set<String> all = new HashSet<>();
        for (FileType type : List.of(FileType.POINTS, FileType.MACHINES, FileType.INDEX)) {
            store.list(type).forEach(n -> all.add(type.folder() + "/" + n));
        }
        return all;
    }
}
