package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.lifeboat.repository.Entry;
import io.lifeboat.repository.Fixtures;
import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileWriter}'s writes around the page cache ({@link DirectTarget}) and its fallbacks. */
class FileWriterDirectTest {
    static final int BS = 64 << 10;

    @TempDir
    Path tmp;

    Path repoDir;
    byte[] image;
    Entry entry;
    PointInfo point;
    /** Direct channels opened, by {@link #counting}. */
    final AtomicInteger opened = new AtomicInteger();

    @BeforeEach
    void protect() {
        repoDir = tmp.resolve("vault/repo");
        // 40 blocks, every third zeros, and a last block of 1000 bytes: a tail off the 4 KiB alignment
        byte[] blocks = Fixtures.image(21, 40, BS);
        image = Arrays.copyOf(blocks, blocks.length + 1000);
        System.arraycopy(Fixtures.random(22, 1000), 0, image, blocks.length, 1000);
        Cut cut = Fixtures.cutImage(image, BS, SourceKind.IMAGE);
        entry = cut.manifest().entries().get(0);
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.defaults())) {
            point = Fixtures.protect(repo, "db-1", cut);
        }
    }

    final DirectTarget.Opener counting = p -> {
        opened.incrementAndGet();
        return DirectTarget.O_DIRECT.open(p);
    };

    void writeSparse(Path target, DirectTarget.Opener opener) {
        try (Repository repo = Repository.open(new ReadOnlyBackend(new LocalBackend(repoDir)), RepositoryOptions.readOnlyDefaults());
                FileWriter writer = new FileWriter(new BlockFetcher(repo, "db-1", point.id()), new Progress(RestoreListener.NONE),
                        true, opener)) {
            writer.writeSparse(entry, target);
        }
    }

    @Test
    void aLargeFileIsWrittenAroundTheCacheWithItsUnalignedTailCutBackAndItsHolesKept() throws Exception {
        Path target = tmp.resolve("restored.img");
        writeSparse(target, counting);
        assertThat(opened).hasValue(1);
        assertThat(Files.readAllBytes(target)).isEqualTo(image);
        Path probe = tmp.resolve("probe");
        try (RandomAccessFile raf = new RandomAccessFile(probe.toFile(), "rw")) {
            raf.setLength(1 << 20);
        }
        assumeThat(FailoverImageTest.allocated(probe)).as("this filesystem keeps holes").isLessThan(1 << 20);
        long zeroBytes = 14L * BS; // blocks 0, 3, ..., 39
        assertThat(FailoverImageTest.allocated(target)).isLessThanOrEqualTo(image.length - zeroBytes + 2 * BS);
    }

    @Test
    void aFileSystemThatRefusesODirectIsWrittenThroughTheCache() throws Exception {
        Path target = tmp.resolve("refused.img");
        writeSparse(target, p -> {
            opened.incrementAndGet();
            throw new FileSystemException(p.toString(), null, "Invalid argument");
        });
        assertThat(opened).hasValue(1);
        assertThat(Files.readAllBytes(target)).isEqualTo(image);
    }

    @Test
    void tmpfsIsWrittenWhicheverWayItAnswers() throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeThat(Files.isDirectory(shm) && Files.isWritable(shm)).as("/dev/shm is a writable tmpfs").isTrue();
        Path target = Files.createTempFile(shm, "lifeboat-failover-", ".img");
        try {
            writeSparse(target, DirectTarget.O_DIRECT); // O_DIRECT on tmpfs from Linux 6.6, EINVAL before
            assertThat(Files.readAllBytes(target)).isEqualTo(image);
        } finally {
            Files.deleteIfExists(target);
        }
    }

    @Test
    void anyOtherFailureToOpenTheTargetIsAClearError() {
        Path target = tmp.resolve("denied.img");
        assertThatThrownBy(() -> writeSparse(target, p -> {
            throw new AccessDeniedException(p.toString());
        })).isInstanceOf(RestoreException.class).hasMessageContaining("cannot write " + target);
    }

    @Test
    void aSmallFileGoesThroughTheCache() throws Exception {
        byte[] small = Fixtures.random(23, 5000);
        Cut cut = Fixtures.cutImage(small, BS, SourceKind.FILE);
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.defaults())) {
            point = Fixtures.protect(repo, "db-1", cut);
        }
        entry = cut.manifest().entries().get(0);
        Path target = tmp.resolve("small.txt");
        writeSparse(target, counting);
        assertThat(opened).as("below %d bytes no direct channel is opened", FileWriter.DIRECT_MIN_BYTES).hasValue(0);
        assertThat(Files.readAllBytes(target)).isEqualTo(small);
    }

    @Test
    void aDeviceIsWrittenFromItsStartZerosIncludedAndNothingPastThePointChanges() throws Exception {
        Path device = tmp.resolve("device.img"); // a file standing in for a block device: written, never cut
        byte[] old = new byte[image.length + 3 * BS];
        Arrays.fill(old, (byte) 0x55);
        Files.write(device, old);
        try (Repository repo = Repository.open(new ReadOnlyBackend(new LocalBackend(repoDir)), RepositoryOptions.readOnlyDefaults());
                FileWriter writer = new FileWriter(new BlockFetcher(repo, "db-1", point.id()), new Progress(RestoreListener.NONE),
                        true, counting)) {
            writer.writeDevice(entry, device);
        }
        assertThat(opened).hasValue(1);
        byte[] now = Files.readAllBytes(device);
        assertThat(now).hasSize(old.length);
        assertThat(Arrays.copyOf(now, image.length)).isEqualTo(image);
        assertThat(Arrays.copyOfRange(now, image.length, now.length))
                .isEqualTo(Arrays.copyOfRange(old, image.length, old.length));
    }
}
