package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.RepositoryFiles.PointFile;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * A prune that deletes a condemnation's packs first asks each point committed since shortly before the
 * record whether it names a block only those packs hold ({@link SharedPrune}): by the point's block filter,
 * and by its manifest only when the filter may name one. A point that names such a block keeps the packs;
 * one that names none has its manifest left unread, and the packs go.
 */
class SharedPruneFiltersTest extends SharedNodes {
    /** The manifest chunks read (not the filter parts, nor the 404s of a commit's name checks). */
    final Queue<String> chunkReads = new ConcurrentLinkedQueue<>();

    void countChunkReads(List<PointFile> of) {
        List<String> chunks = new ArrayList<>();
        for (PointFile f : of) {
            f.chunks().forEach(c -> chunks.add("manifests/" + f.info().machine() + "/" + c));
        }
        store.beforeRead.set(name -> {
            if (chunks.contains(name)) {
                chunkReads.add(name);
            }
        });
    }

    static Set<String> packs(Repository node, Cut cut) {
        Set<String> out = new java.util.HashSet<>();
        for (BlockId id : cut.uploads().keySet()) {
            out.add(node.blocks.index.get(id).pack());
        }
        return out;
    }

    @Test
    void aCondemnedPackNoRecentPointNamesIsDeletedWithoutReadingTheirManifests() throws IOException {
        try (Repository one = node("one"); Repository two = node("two")) {
            PointInfo old = Fixtures.protect(one, "app-1", SharedStoreTest.image(11));
            Set<String> dropped = packs(one, SharedStoreTest.image(11));
            clock.advance(Duration.ofHours(2)); // past the grace period: app-1's blocks may die
            PointInfo recent = Fixtures.protect(two, "db-1", SharedStoreTest.image(12)); // another node's point, recent
            clock.advance(Duration.ofSeconds(2));
            one.prune(new PruneRequest(Optional.of("app-1"), Set.of(old.id()), true, false));
            assertThat(store.list(FileType.PRUNE)).as("condemned, not deleted").hasSize(1);

            countChunkReads(List.of(two.manifests.pointFile("db-1", recent.id())));
            clock.advance(Duration.ofHours(1)); // past the margin: the record is due
            one.prune(PruneRequest.byPolicy(false));
            assertThat(store.list(FileType.PRUNE)).as("the record, done").isEmpty();
            for (String pack : dropped) {
                assertThat(store.size(new Handle(FileType.DATA, pack))).as("data/%s", pack).isEmpty();
                assertThat(store.size(new Handle(FileType.INDEX, pack))).as("index/%s", pack).isEmpty();
            }
            // db-1's filter says it names none of the condemned blocks (no false positive among these ids)
            assertThat(chunkReads).as("chunks of the recent point read by the prune").isEmpty();
            assertThat(one.readBlocks("db-1", List.copyOf(SharedStoreTest.image(12).uploads().keySet()))).hasSize(24);
        }
        try (Repository fresh = node("fresh")) {
            assertThat(fresh.verify(Optional.empty()).ok()).isTrue();
        }
    }

    @Test
    void aCondemnedPackARecentPointOfAnotherNodeNamesIsKept() throws IOException {
        try (Repository one = node("one"); Repository two = node("two")) {
            Cut cut = SharedStoreTest.image(13);
            Fixtures.protect(one, "app-1", cut);
            Set<String> packs = packs(one, cut);
            clock.advance(Duration.ofSeconds(2));
            PointInfo named = Fixtures.protect(two, "db-1", cut); // deduplicated against app-1's pack
            PointInfo other = Fixtures.protect(two, "web-1", SharedStoreTest.image(14)); // recent, names none of it
            // a condemnation of that pack, as a node that missed db-1's commit for longer than the margin writes it
            Condemnation.write(store.node(), clock.instant(), packs, List.of());

            countChunkReads(List.of(two.manifests.pointFile("db-1", named.id()), two.manifests.pointFile("web-1", other.id())));
            clock.advance(Duration.ofHours(1)); // past the margin: the record is due
            one.prune(PruneRequest.byPolicy(false));
            assertThat(store.list(FileType.PRUNE)).as("the record, kept").hasSize(1);
            for (String pack : packs) {
                assertThat(store.size(new Handle(FileType.DATA, pack))).as("data/%s", pack).isPresent();
                assertThat(store.size(new Handle(FileType.INDEX, pack))).as("index/%s", pack).isPresent();
            }
            // db-1's filter may name the blocks: its manifest is read to be sure; web-1's is not read
            assertThat(chunkReads).isNotEmpty().allMatch(name -> name.startsWith("manifests/db-1/"));
        }
    }
}
