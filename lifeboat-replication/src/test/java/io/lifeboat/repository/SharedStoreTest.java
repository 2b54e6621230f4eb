package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.FileType;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Several writer nodes on one shared store (in memory, with a lease as on Azure Blob): both open at
 * once, each learns the other's blocks, ownership and points, pruning is exclusive, and a prune never
 * deletes a block that a commit on the other node names, even one deduplicated against a pack the
 * prune had just dropped.
 */
class SharedStoreTest extends SharedNodes {
    static final int BS = 4096;

    static Cut image(long seed) {
        return Fixtures.cutImage(Fixtures.random(seed, 24 * BS), BS, SourceKind.IMAGE);
    }

    @Test
    void twoNodesWriteAtOnceAndLearnWhatTheOtherStored() throws IOException {
        try (Repository one = node("one"); Repository two = node("two")) {
            assertThat(store.list(FileType.LOCKS)).hasSize(2); // one presence record per node
            Cut cut = image(1);
            PointInfo p = Fixtures.protect(one, "web-1", cut);
            clock.advance(Duration.ofSeconds(2)); // past the refresh's one-second gap
            assertThat(two.missing("web-1", cut.uploads().keySet())).isEmpty(); // node 2 learnt node 1's blocks
            assertThat(two.missing("db-1", cut.uploads().keySet())).hasSize(cut.uploads().size()); // ownership stays per machine
            assertThat(two.points(Optional.of("web-1"))).extracting(PointInfo::id).containsExactly(p.id());
            // a commit on node 2 of blocks uploaded through node 1
            PointInfo q = two.commitPoint("web-1", cut.manifest(), Fixtures.META);
            clock.advance(Duration.ofSeconds(2));
            assertThat(one.points(Optional.of("web-1"))).extracting(PointInfo::id).contains(q.id());
            assertThat(one.readBlocks("web-1", List.copyOf(cut.uploads().keySet()))).hasSize(cut.uploads().size());
            assertThat(two.verify(Optional.empty()).ok()).isTrue();
        }
        assertThat(store.list(FileType.LOCKS)).isEmpty(); // both nodes left
    }

    @Test
    void pruningIsExclusiveAndItsLeaseIsFreeAgainAfterwards() throws IOException {
        try (Repository one = node("one"); Repository two = node("two")) {
            Fixtures.protect(one, "web-1", image(2));
            try (PruneLease held = PruneLease.take(store.node(), true)) {
                assertThatThrownBy(() -> two.prune(PruneRequest.byPolicy(false)))
                        .hasMessageContaining("another vault node is pruning the repository at " + store.location());
                // retention after a commit does not wait for it: it runs at the machine's next commit
                Fixtures.protect(two, "web-1", image(3));
            }
            assertThat(store.leased()).isFalse();
            two.prune(PruneRequest.byPolicy(false));
            assertThat(store.leased()).isFalse();
        }
    }

    @Test
    void aPruneNeverDeletesABlockThatACommitOnAnotherNodeNames() throws IOException {
        try (Repository one = node("one"); Repository two = node("two")) {
            Cut shared = image(4);
            PointInfo old = Fixtures.protect(one, "app-1", shared);
            clock.advance(Duration.ofHours(2)); // past the grace period and the margin: app-1's blocks can die

            // db-1, through node 2, learns it lacks the blocks and uploads them; node 2 keeps them as
            // ownership records only, since it knows the pack that holds them (deduplication)
            clock.advance(Duration.ofSeconds(2));
            Set<BlockId> lacking = two.missing("db-1", shared.uploads().keySet());
            assertThat(lacking).hasSize(shared.uploads().size());

            // node 1 prunes app-1's only point before node 2's upload lands: the pack holding the blocks is dropped
            one.prune(new PruneRequest(Optional.of("app-1"), Set.of(old.id()), true, false));
            assertThat(store.list(FileType.PRUNE)).hasSize(1);
            assertThat(store.list(FileType.DATA)).isNotEmpty(); // dropped, not deleted: the margin has not passed

            // node 2 has not read the prune record yet (its last refresh was under a second ago) and deduplicates
            two.putBlocks("db-1", shared.uploadList());
            // its commit re-checks what the store holds first, and refuses: those blocks count as missing now
            assertThatThrownBy(() -> two.commitPoint("db-1", shared.manifest(), Fixtures.META))
                    .isInstanceOf(MissingBlocksException.class);
            // the agent asks again, uploads again (into a pack of another name) and commits
            assertThat(two.missing("db-1", shared.uploads().keySet())).hasSize(shared.uploads().size());
            PointInfo kept = Fixtures.protect(two, "db-1", shared);

            // the margin passes; the next prune deletes the dropped pack, and db-1's point keeps every block
            clock.advance(Duration.ofHours(1));
            one.prune(PruneRequest.byPolicy(false));
            assertThat(store.list(FileType.PRUNE)).isEmpty();
            assertThat(one.verify(Optional.empty()).ok()).isTrue();
            clock.advance(Duration.ofSeconds(2));
            assertThat(two.points(Optional.of("db-1"))).extracting(PointInfo::id).containsExactly(kept.id());
            assertThat(two.readBlocks("db-1", List.copyOf(shared.uploads().keySet()))).hasSize(shared.uploads().size());
        }
        try (Repository fresh = node("fresh")) {
            assertThat(fresh.verify(Optional.empty()).ok()).isTrue();
        }
    }

    @Test
    void aPackYoungerThanTheMarginIsLeftAloneEvenWithNoOwnerYet() throws IOException {
        try (Repository one = node("one"); Repository two = node("two")) {
            Cut cut = image(5);
            two.putBlocks("web-1", cut.uploadList());
            two.blocks.sync.syncAll(); // written behind (group commit): published, as the next commit would
            // as if node 2's ownership record were still on its way: node 1 sees a pack nobody owns
            for (String name : store.list(FileType.MACHINES)) {
                store.delete(new io.lifeboat.repository.backend.Handle(FileType.MACHINES, name));
            }
            one.prune(PruneRequest.byPolicy(false));
            assertThat(store.list(FileType.PRUNE)).as("young: not dropped").isEmpty();
            clock.advance(Duration.ofMinutes(31)); // older than the margin, and still nobody's
            one.prune(PruneRequest.byPolicy(false));
            assertThat(store.list(FileType.PRUNE)).as("dropped, not yet deleted").hasSize(1);
            assertThat(store.list(FileType.DATA)).hasSize(1);
        }
    }

    /**
     * On a shared store an unchanged delta is not committed on its parent's chunks: another node's
     * sweep, not knowing the new point yet, could take them for unnamed (they are as old as the
     * parent); new chunks are young and the grace period keeps them.
     */
    @Test
    void anUnchangedDeltaOnASharedStoreWritesChunksOfItsOwn() throws IOException {
        try (Repository one = node("one")) {
            Cut cut = image(7);
            PointInfo p = Fixtures.protect(one, "web-1", cut);
            clock.advance(Duration.ofMinutes(1)); // a chunk built now has another name
            PointInfo made = DeltaCommit.commit(one, "web-1", ManifestDelta.between(p.id(), cut.manifest(), cut.manifest()),
                    Fixtures.META);
            assertThat(one.manifest("web-1", made.id())).isEqualTo(cut.manifest());
            assertThat(store.list(FileType.MANIFESTS)).as("two chunks and the two points' block filters").hasSize(4);
        }
    }
}
