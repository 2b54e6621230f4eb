package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.backend.FaultInjectingBackend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Repository#readRun}: a run of blocks read in a few ranges of their packs, every block still checked. */
class RunReadTest {
    static final int BS = 32 << 10;

    @TempDir
    Path tmp;

    LocalBackend local;
    byte[] image;
    List<BlockId> ids = new ArrayList<>();
    List<byte[]> bodies = new ArrayList<>();

    @BeforeEach
    void store() {
        local = new LocalBackend(tmp.resolve("repo"));
        image = Fixtures.random(5, 200 * BS);
        for (int i = 0; i < 200; i += 4) { // every fourth block compresses: zstd bodies among raw ones
            Arrays.fill(image, i * BS, i * BS + BS / 2, (byte) 'a');
        }
        Fixtures.Cut cut = Fixtures.cutImage(image, BS, SourceKind.IMAGE);
        try (Repository repo = Repository.open(local, RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "m", cut);
        }
        for (int i = 0; i < 200; i++) {
            byte[] block = Arrays.copyOfRange(image, i * BS, (i + 1) * BS);
            ids.add(BlockId.of(block));
            bodies.add(block);
        }
    }

    @Test
    void aRunIsReadInAFewRangesAndEachBlockComesBackInOrder() throws Exception {
        FaultInjectingBackend counted = new FaultInjectingBackend(new ReadOnlyBackend(local));
        try (Repository repo = Repository.open(counted, RepositoryOptions.readOnlyDefaults())) {
            List<BlockId> asked = new ArrayList<>(ids);
            Collections.reverse(asked); // in any order, and one block twice
            asked.add(ids.get(7));
            long before = counted.rangeReads();
            BlockSlices run = repo.readRun("m", asked);
            long reads = counted.rangeReads() - before;
            assertThat(run.size()).isEqualTo(asked.size());
            for (int i = 0; i < asked.size(); i++) {
                assertThat(BlockId.of(run.copy(i))).isEqualTo(asked.get(i));
                assertThat(run.length(i)).isEqualTo(BS);
            }
            assertThat(run.copy(asked.size() - 1)).isEqualTo(bodies.get(7));
            // 200 blocks (6.25 MiB, less where compressed) in ranges of at most 2 MiB per pack: not 201 reads
            int packs = local.list(FileType.DATA).size();
            assertThat(reads).isLessThanOrEqualTo(4 + packs).isGreaterThanOrEqualTo(1);
            assertThat(repo.readBlocks("m", ids.subList(10, 20))).zipSatisfy(bodies.subList(10, 20),
                    (got, want) -> assertThat(got).isEqualTo(want));
        }
    }

    @Test
    void aDamagedBlockInsideARangeIsNamedAndNothingIsReturned() throws Exception {
        BlockId victim = ids.get(41); // a raw block in the middle of the first range
        Pack.Location loc;
        try (Repository repo = Repository.open(local, RepositoryOptions.readOnlyDefaults())) {
            loc = repo.blocks.index.get(victim);
        }
        Path pack = local.path(new Handle(FileType.DATA, loc.pack()));
        try (RandomAccessFile raf = new RandomAccessFile(pack.toFile(), "rw")) {
            long at = loc.offset() + Pack.HEADER + 100;
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x01);
        }
        try (Repository repo = Repository.open(local, RepositoryOptions.readOnlyDefaults())) {
            assertThatThrownBy(() -> repo.readRun("m", ids))
                    .isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("block " + victim + " in data/" + loc.pack())
                    .hasMessageContaining("(damaged)");
            assertThat(repo.readRun("m", ids.subList(0, 40)).size()).isEqualTo(40); // its neighbours still read
        }
    }

    @Test
    void aMissingPackNamesTheFirstBlockOfTheRange() throws Exception {
        for (String p : local.list(FileType.DATA)) {
            java.nio.file.Files.delete(local.path(new Handle(FileType.DATA, p)));
        }
        try (Repository repo = Repository.open(new ReadOnlyBackend(local), RepositoryOptions.readOnlyDefaults())) {
            assertThatThrownBy(() -> repo.readRun("m", ids.subList(3, 9)))
                    .isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("the pack file is missing");
        }
    }
}
