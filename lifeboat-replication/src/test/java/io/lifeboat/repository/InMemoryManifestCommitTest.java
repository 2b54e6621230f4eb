package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.RepositoryFiles.PointFile;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * {@link Repository#commitPoint(String, Manifest, PointMeta)}, a manifest the vault holds in memory:
 * checked as its chunks are cut and staged for the group commit, as a manifest the vault builds is, so
 * no chunk it just wrote is read back (on a shared store, a GET each); a refused one leaves no chunk.
 */
class InMemoryManifestCommitTest extends SharedNodes {
    @Test
    void theChunksACommitWritesAreNotReadBack() throws IOException {
        Fixtures.Cut tree = SharedStoreTest.image(7);
        try (Repository one = node("one")) {
            // files read while they existed (staging a chunk first checks that its name is free)
            Queue<String> read = new ConcurrentLinkedQueue<>();
            store.beforeRead.set(name -> {
                if (name.startsWith("manifests/") && store.size(new Handle(FileType.MANIFESTS, name.substring(10))).isPresent()) {
                    read.add(name);
                }
            });
            PointInfo p = Fixtures.protect(one, "web-1", tree);
            store.beforeRead.set(name -> { });
            PointFile file = one.manifests.pointFile("web-1", p.id());
            List<String> chunks = file.chunks().stream().map(c -> "manifests/web-1/" + c).toList();
            assertThat(chunks).isNotEmpty();
            assertThat(read).as("files read by the commit").doesNotContainAnyElementsOf(chunks);
            assertThat(one.manifest("web-1", p.id())).isEqualTo(tree.manifest());
        }
        try (Repository fresh = node("fresh")) {
            assertThat(fresh.manifest("web-1", "latest")).isEqualTo(tree.manifest());
            assertThat(fresh.verify(Optional.empty()).ok()).isTrue();
        }
    }

    @Test
    void aRefusedCommitLeavesNoChunk() throws IOException {
        Fixtures.Cut image = SharedStoreTest.image(3);
        try (Repository one = node("one")) {
            // no block uploaded: the check refuses the manifest before any point names its chunks
            assertThatThrownBy(() -> one.commitPoint("db-1", image.manifest(), Fixtures.META))
                    .isInstanceOf(MissingBlocksException.class);
            assertThat(store.list(FileType.MANIFESTS)).as("chunks left by the refused commit").isEmpty();
            assertThat(one.points(Optional.empty())).isEmpty();
        }
    }
}
