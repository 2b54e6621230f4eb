package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage stored data on purpose: verify must find it, reads must refuse it, naming block and pack. */
class CorruptionTest {
    static final int BS = 4096;

    @TempDir
    Path dir;

    Cut cut;
    PointInfo point;
    LocalBackend local;

    @BeforeEach
    void protect() {
        local = new LocalBackend(dir);
        cut = Fixtures.cutImage(Fixtures.image(42, 12, BS), BS, SourceKind.IMAGE);
        try (Repository repo = Repository.open(local, RepositoryOptions.defaults())) {
            point = Fixtures.protect(repo, "m", cut);
        }
    }

    /** The one pack, and the block whose body holds {@code offset}. */
    Path onlyPack() throws IOException {
        var packs = local.list(FileType.DATA);
        assertThat(packs).hasSize(1);
        return local.path(new Handle(FileType.DATA, packs.get(0)));
    }

    static void flip(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x40);
        }
    }

    @Test
    void aFlippedByteIsFoundByVerifyAndRefusedByReads() throws IOException {
        Path pack = onlyPack();
        flip(pack, Files.size(pack) - 10); // inside the last block's body
        BlockId last = null;
        for (BlockRef r : cut.manifest().entries().get(0).blocks()) {
            if (!r.isZero()) {
                last = r.id();
            }
        }
        String packName = "data/" + pack.getFileName();
        try (Repository repo = Repository.open(local, RepositoryOptions.readOnlyDefaults())) {
            VerifyReport report = repo.verify(Optional.empty());
            assertThat(report.ok()).isFalse();
            assertThat(report.damaged()).singleElement().satisfies(d -> {
                assertThat(d.pack()).isEqualTo(packName);
            });
            BlockId damaged = report.damaged().get(0).block();
            assertThat(damaged).isEqualTo(last);
            assertThat(report.affectedPoints()).singleElement()
                    .satisfies(a -> assertThat(a.pointId()).isEqualTo(point.id()));
            assertThatThrownBy(() -> repo.readBlock("m", damaged))
                    .isInstanceOf(IntegrityException.class)
                    .hasMessageContaining(damaged.hex())
                    .hasMessageContaining(packName);
            // the other blocks still read
            for (BlockUpload u : cut.uploads().values()) {
                if (!u.id().equals(damaged)) {
                    assertThat(BlockId.of(repo.readBlock("m", u.id()))).isEqualTo(u.id());
                }
            }
        }
    }

    @Test
    void verifyHashesAPackInRunsAndNamesEachDamagedBlockOfAnyRun() throws IOException {
        int bs = 2048;
        Cut many = Fixtures.cutImage(Fixtures.image(43, 300, bs), bs, SourceKind.IMAGE); // 200 non-zero blocks
        try (Repository repo = Repository.open(local, RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "n", many);
        }
        List<BlockId> ids = new ArrayList<>(many.uploads().keySet());
        ids.sort(null); // verify goes through a pack's blocks in id order, 64 to a run
        List<BlockId> victims = List.of(ids.get(3), ids.get(130), ids.get(199)); // in the first, third and last run
        String victimPack = null;
        for (String name : local.list(FileType.DATA)) {
            Path pack = local.path(new Handle(FileType.DATA, name));
            byte[] bytes = Files.readAllBytes(pack);
            for (BlockId v : victims) {
                int at = Fixtures.indexOf(bytes, v.toBytes());
                if (at >= 0) {
                    flip(pack, at + Pack.HEADER + 7);
                    victimPack = "data/" + name;
                }
            }
        }
        String expectedPack = victimPack;
        try (Repository repo = Repository.open(local, RepositoryOptions.readOnlyDefaults())) {
            VerifyReport report = repo.verify(Optional.of("n"));
            assertThat(report.damaged()).extracting(VerifyReport.Damage::block).containsExactlyInAnyOrderElementsOf(victims);
            assertThat(report.damaged()).allSatisfy(d -> assertThat(d.pack()).isEqualTo(expectedPack));
            assertThat(report.blocksChecked()).isEqualTo(ids.size());
        }
    }

    @Test
    void aDamagedRecordHeaderIsFound() throws IOException {
        flip(onlyPack(), Pack.MAGIC.length + 5); // inside the first record's id
        try (Repository repo = Repository.open(local, RepositoryOptions.readOnlyDefaults())) {
            VerifyReport report = repo.verify(Optional.of("m"));
            assertThat(report.damaged()).singleElement()
                    .satisfies(d -> assertThat(d.problem()).contains("record header"));
        }
    }

    @Test
    void aMissingOrTruncatedPackIsReported() throws IOException {
        Path pack = onlyPack();
        try (RandomAccessFile raf = new RandomAccessFile(pack.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        try (Repository repo = Repository.open(local, RepositoryOptions.readOnlyDefaults())) {
            VerifyReport report = repo.verify(Optional.empty());
            assertThat(report.damaged()).isNotEmpty().allSatisfy(d -> assertThat(d.problem()).contains("truncated"));
        }
        Files.delete(pack);
        try (Repository repo = Repository.open(local, RepositoryOptions.readOnlyDefaults())) {
            VerifyReport report = repo.verify(Optional.empty());
            assertThat(report.damaged()).hasSize(cut.uploads().size())
                    .allSatisfy(d -> assertThat(d.problem()).contains("missing"));
            assertThat(report.affectedPoints()).hasSize(1);
        }
    }

    @Test
    void aLostOrDamagedIndexIsRebuiltFromItsPack() throws IOException {
        String pack = local.list(FileType.INDEX).get(0);
        Path index = local.path(new Handle(FileType.INDEX, pack));
        Files.writeString(index, "{\"version\":1,\"pack\":");
        try (Repository repo = Repository.open(local, RepositoryOptions.defaults())) {
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
            assertThat(repo.missing("m", cut.uploads().keySet())).isEmpty();
        }
        Files.delete(index);
        try (Repository repo = Repository.open(local, RepositoryOptions.defaults())) {
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
            for (BlockUpload u : cut.uploads().values()) {
                assertThat(BlockId.of(repo.readBlock("m", u.id()))).isEqualTo(u.id());
            }
        }
        assertThat(index).exists();
    }

    @Test
    void anUnreadablePointFileIsSkippedNotFatal() throws IOException {
        Files.writeString(local.path(new Handle(FileType.POINTS, "m/20260101T000000Z-deadbeef")), "not json");
        try (Repository repo = Repository.open(local, RepositoryOptions.readOnlyDefaults())) {
            assertThat(repo.points(Optional.empty())).containsExactly(point);
        }
    }

    @Test
    void aDamagedBlockIsAskedForAgainAndTheNextUploadHealsIt() throws IOException {
        Path pack = onlyPack();
        flip(pack, Files.size(pack) - 10);
        try (Repository repo = Repository.open(local, RepositoryOptions.defaults())) {
            VerifyReport report = repo.verify(Optional.empty());
            BlockId bad = report.damaged().get(0).block();
            // the vault now asks the machine for that block again, and refuses points needing it until then
            assertThat(repo.missing("m", cut.uploads().keySet())).containsExactly(bad);
            assertThatThrownBy(() -> repo.commitPoint("m", cut.manifest(), Fixtures.META))
                    .isInstanceOf(MissingBlocksException.class).hasMessageContaining(bad.hex());
            PointInfo healed = Fixtures.protect(repo, "m", cut);
            assertThat(BlockId.of(repo.readBlock("m", bad))).isEqualTo(bad);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
            assertThat(repo.points(Optional.of("m"))).contains(healed);
        }
        // the damaged copy was repacked away: a fresh open (another process) finds no damage either
        assertThat(pack).doesNotExist();
        try (Repository repo = Repository.open(local, RepositoryOptions.readOnlyDefaults())) {
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
            for (BlockUpload u : cut.uploads().values()) {
                assertThat(BlockId.of(repo.readBlock("m", u.id()))).isEqualTo(u.id());
            }
        }
    }
}
