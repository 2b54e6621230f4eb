package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.MemoryBackend;
import io.lifeboat.restore.Failover;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.RestoreListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image point's blocks are read from its manifest chunks as they are used: the manifest a
 * failover gets is equal to the one committed, reads any block by index, restores byte for byte,
 * and names a chunk damaged after it was handed out.
 */
class LazyManifestTest {
    static final int BS = 4096;

    @TempDir
    Path tmp;

    final MemoryBackend backend = new MemoryBackend();

    @Test
    void anImagePointSpreadOverManyChunksFailsOverByteForByte() throws Exception {
        byte[] img = Fixtures.image(21, 3000, BS);
        Fixtures.Cut cut = Fixtures.cutImage(img, BS, SourceKind.IMAGE);
        try (Repository repo = Repository.open(backend, RepositoryOptions.defaults())) {
            repo.putBlocks("m", cut.uploadList());
            List<String> names = new ArrayList<>();
            ManifestChunker.write(cut.manifest(), new ManifestChunker(c -> names.add(repo.putManifestChunk("m", c)), 1024));
            assertThat(names.size()).isGreaterThan(50);
            PointInfo p = repo.commitPoint("m", ManifestHeader.of(cut.manifest()), names, Fixtures.META);

            Manifest m = repo.manifest("m", p.id());
            List<BlockRef> blocks = m.entries().get(0).blocks();
            assertThat(blocks).isInstanceOf(ChunkedBlockList.class).hasSize(3000);
            List<BlockRef> expected = cut.manifest().entries().get(0).blocks();
            for (int i : new int[] {2999, 0, 1500, 1, 2998, 731, 0}) {
                assertThat(blocks.get(i)).as("block %d", i).isEqualTo(expected.get(i));
            }
            assertThat(m).isEqualTo(cut.manifest());

            Path target = tmp.resolve("restored.img");
            new Failover(repo, RestoreListener.NONE).run("m", p.id(), target, new FailoverOptions(true, false));
            assertThat(Files.readAllBytes(target)).isEqualTo(img);

            // a chunk damaged after the manifest was handed out is named when its blocks are read
            Manifest again = repo.manifest("m", p.id());
            String last = names.get(names.size() - 1);
            Handle h = new Handle(FileType.MANIFESTS, "m/" + last);
            byte[] bytes = backend.read(h);
            bytes[bytes.length - 1] ^= 1;
            backend.delete(h);
            backend.create(h, bytes);
            assertThatThrownBy(() -> again.entries().get(0).blocks().get(2999)).isInstanceOf(IntegrityException.class)
                    .hasMessageStartingWith("manifest chunk manifests/m/" + last + ": SHA-256");
        }
    }
}
