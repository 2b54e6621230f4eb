package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Fixtures;
import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.IntegrityException;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailoverImageTest {
    static final int BS = 64 << 10;

    @TempDir
    Path tmp;

    Path repoDir;
    byte[] image;
    Cut cut;
    PointInfo point;

    @BeforeEach
    void protect() {
        repoDir = tmp.resolve("vault/repo");
        image = Fixtures.image(11, 48, BS); // every third block is zeros
        cut = Fixtures.cutImage(image, BS, SourceKind.IMAGE);
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.defaults())) {
            point = Fixtures.protect(repo, "db-1", cut);
        }
    }

    Repository readOnly() {
        return Repository.open(new ReadOnlyBackend(new LocalBackend(repoDir)), RepositoryOptions.readOnlyDefaults());
    }

    RestoreResult failover(Path target, FailoverOptions options) {
        try (Repository repo = readOnly()) {
            return new Failover(repo, RestoreListener.NONE).run("db-1", "latest", target, options);
        }
    }

    /** Allocated bytes of a file, from stat(1) (st_blocks * 512). */
    static long allocated(Path p) throws Exception {
        Process proc = new ProcessBuilder("stat", "-c", "%b %B", p.toString()).redirectErrorStream(true).start();
        String[] out = new String(proc.getInputStream().readAllBytes()).trim().split(" ");
        assertThat(proc.waitFor()).isZero();
        return Long.parseLong(out[0]) * Long.parseLong(out[1]);
    }

    @Test
    void restoresAnImageByteForByteAndSparse() throws Exception {
        Path target = tmp.resolve("restored.img");
        List<Long> progress = new ArrayList<>();
        RestoreResult r;
        try (Repository repo = readOnly()) {
            r = new Failover(repo, new RestoreListener() {
                @Override
                public void progress(long bytesDone) {
                    progress.add(bytesDone);
                }
            }).run("db-1", point.id(), target, FailoverOptions.DEFAULT);
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(image);
        assertThat(r.bytesRestored()).isEqualTo(image.length);
        assertThat(r.zeroBlocks()).isEqualTo(16);
        assertThat(r.blocksVerified()).isEqualTo(32);
        assertThat(progress).isSorted().last().isEqualTo((long) image.length);
        assertThat(Files.getLastModifiedTime(target).to(java.util.concurrent.TimeUnit.NANOSECONDS)).isEqualTo(1_700_000_123_000_000_001L);
        assertThat(Fixtures.mode(target)).isEqualTo(0640);
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).doesNotContain(".restored.img.lifeboat-partial");
        }
        Path probe = tmp.resolve("probe");
        try (RandomAccessFile raf = new RandomAccessFile(probe.toFile(), "rw")) {
            raf.setLength(1 << 20);
        }
        assumeThat(allocated(probe)).as("this filesystem keeps holes").isLessThan(1 << 20);
        long zeroBytes = 16L * BS;
        assertThat(allocated(target)).isLessThanOrEqualTo(image.length - zeroBytes + 2 * BS);
    }

    @Test
    void aTestFailoverChangesNothingTheVaultKeeps() throws Exception {
        List<String> before = snapshot(repoDir);
        RestoreResult r = failover(tmp.resolve("test.img"), new FailoverOptions(true, false));
        assertThat(r.checkedAfterWrite()).isTrue();
        assertThat(Files.readAllBytes(tmp.resolve("test.img"))).isEqualTo(image);
        assertThat(snapshot(repoDir)).isEqualTo(before);
        assertThat(new LocalBackend(repoDir).list(FileType.LOCKS)).isEmpty();
    }

    static List<String> snapshot(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p) + " " + p.toFile().length() + " " + p.toFile().lastModified()).sorted().toList();
        }
    }

    @Test
    void aNonEmptyTargetIsRefusedWithoutForce() throws Exception {
        Path target = tmp.resolve("busy.img");
        Files.writeString(target, "precious");
        assertThatThrownBy(() -> failover(target, FailoverOptions.DEFAULT))
                .isInstanceOf(RestoreException.class).hasMessageContaining("not empty").hasMessageContaining("--force");
        assertThat(Files.readString(target)).isEqualTo("precious");
        assertThatThrownBy(() -> failover(tmp, FailoverOptions.DEFAULT)).hasMessageContaining("is a folder");
        failover(target, new FailoverOptions(false, true));
        assertThat(Files.readAllBytes(target)).isEqualTo(image);
    }

    @Test
    void aCorruptedBlockFailsLoudlyAndWritesNothingWrong() throws Exception {
        LocalBackend local = new LocalBackend(repoDir);
        Path pack = local.path(new Handle(FileType.DATA, local.list(FileType.DATA).get(0)));
        BlockRef victim = cut.manifest().entries().get(0).blocks().get(4);
        assertThat(victim.isZero()).isFalse();
        // find the victim's record and flip a byte in its body
        byte[] packBytes = Files.readAllBytes(pack);
        int record = Fixtures.indexOf(packBytes, victim.id().toBytes());
        assertThat(record).isNotNegative();
        int at = record + 32 + 9 + 100;
        try (RandomAccessFile raf = new RandomAccessFile(pack.toFile(), "rw")) {
            raf.seek(at);
            raf.write(packBytes[at] ^ 1);
        }
        Path target = tmp.resolve("never.img");
        assertThatThrownBy(() -> failover(target, FailoverOptions.DEFAULT))
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining(victim.id().hex())
                .hasMessageContaining("data/" + pack.getFileName());
        assertThat(target).doesNotExist();
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.filter(p -> p.getFileName().toString().contains("partial"))).isEmpty();
        }
    }

    @Test
    void anImageOfManyGroupsRestoresAndADamagedBlockInALaterGroupStopsItByName() throws Exception {
        int bs = 4096;
        byte[] big = Fixtures.image(12, 3 * FileWriter.GROUP_BLOCKS + 7, bs); // four groups, every third block zeros
        Cut bigCut = Fixtures.cutImage(big, bs, SourceKind.IMAGE);
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "db-2", bigCut);
        }
        Path target = tmp.resolve("big.img");
        try (Repository repo = readOnly()) {
            RestoreResult r = new Failover(repo, RestoreListener.NONE).run("db-2", "latest", target, FailoverOptions.DEFAULT);
            assertThat(r.blocksVerified()).isEqualTo(bigCut.uploads().size());
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(big);

        BlockRef victim = bigCut.manifest().entries().get(0).blocks().get(2 * FileWriter.GROUP_BLOCKS + 5);
        assertThat(victim.isZero()).isFalse();
        LocalBackend local = new LocalBackend(repoDir);
        for (String name : local.list(FileType.DATA)) {
            Path pack = local.path(new Handle(FileType.DATA, name));
            byte[] packBytes = Files.readAllBytes(pack);
            int at = Fixtures.indexOf(packBytes, victim.id().toBytes());
            if (at >= 0) {
                packBytes[at + 32 + 9 + 10] ^= 1;
                Files.write(pack, packBytes);
            }
        }
        Path never = tmp.resolve("never-big.img");
        try (Repository repo = readOnly()) {
            assertThatThrownBy(() -> new Failover(repo, RestoreListener.NONE).run("db-2", "latest", never, FailoverOptions.DEFAULT))
                    .isInstanceOf(IntegrityException.class)
                    .hasMessageContaining(victim.id().hex())
                    .hasMessageContaining("stopped before writing it");
        }
        assertThat(never).doesNotExist();
    }

    @Test
    void aFullDiskIsAClearError() {
        Path full = Path.of("/dev/full");
        assumeThat(Files.exists(full)).as("/dev/full exists").isTrue();
        assertThatThrownBy(() -> failover(full, FailoverOptions.DEFAULT)).hasMessageContaining("--force");
        assertThatThrownBy(() -> failover(full, new FailoverOptions(false, true)))
                .isInstanceOf(RestoreException.class)
                .hasMessageContaining("/dev/full is full");
    }

    @Test
    void aDeviceTargetIsWrittenInPlaceZerosIncluded() {
        Path sink = Path.of("/dev/null");
        assumeThat(Files.exists(sink)).isTrue();
        RestoreResult r = failover(sink, new FailoverOptions(false, true));
        assertThat(r.bytesRestored()).isEqualTo(image.length);
        assertThat(r.zeroBlocks()).isEqualTo(16);
        assertThat(Files.exists(sink)).isTrue();
    }

    @Test
    void aBlockDeviceSourceRestoresToAFile() throws Exception {
        byte[] dev = Fixtures.image(12, 10, BS);
        Cut devCut = Fixtures.cutImage(dev, BS, SourceKind.BLOCK_DEVICE);
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "host-2", devCut);
        }
        Path target = tmp.resolve("sdb.img");
        try (Repository repo = readOnly()) {
            new Failover(repo, null).run("host-2", "latest", target, new FailoverOptions(true, false));
        }
        assertThat(BlockId.of(Files.readAllBytes(target))).isEqualTo(BlockId.of(dev));
    }

    @Test
    void anUnknownPointOrMachineIsAUsageError() {
        try (Repository repo = readOnly()) {
            Failover f = new Failover(repo, null);
            assertThatThrownBy(() -> f.run("db-1", "nope", tmp.resolve("x"), FailoverOptions.DEFAULT))
                    .hasMessageContaining("no point nope");
            assertThatThrownBy(() -> f.run("ghost", "latest", tmp.resolve("x"), FailoverOptions.DEFAULT))
                    .hasMessageContaining("no recovery points");
        }
    }
}
