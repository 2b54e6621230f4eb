package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Entry;
import io.lifeboat.repository.Fixtures;
import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DeltaWriter} on a file of several runs, compared ahead and written around the page cache or not. */
class DeltaWriterTest {
    static final int BS = 4096;
    static final int BLOCKS = 3 * FileWriter.GROUP_BLOCKS + 7; // four runs

    @TempDir
    Path tmp;

    Path repoDir;
    byte[] image;
    Entry entry;
    PointInfo point;

    @BeforeEach
    void protect() {
        repoDir = tmp.resolve("vault/repo");
        byte[] blocks = Fixtures.image(31, BLOCKS, BS); // every third block zeros
        image = Arrays.copyOf(blocks, blocks.length + 1000); // and a tail off the alignment
        System.arraycopy(Fixtures.random(32, 1000), 0, image, blocks.length, 1000);
        Cut cut = Fixtures.cutImage(image, BS, SourceKind.IMAGE);
        entry = cut.manifest().entries().get(0);
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.defaults())) {
            point = Fixtures.protect(repo, "db-1", cut);
        }
    }

    /** The image with some blocks in every run changed (some consecutive, zero blocks made data) and two wiped. */
    byte[] older() {
        byte[] old = image.clone();
        for (int b : new int[] {1, 2, 3, 4, 300, 301, 600, 700, 701, 702, 703, BLOCKS - 1}) {
            System.arraycopy(Fixtures.random(b, BS), 0, old, b * BS, BS);
        }
        for (int b : new int[] {5, 401}) { // blocks of data that read as zeros (wiped): they differ, unhashed
            Arrays.fill(old, b * BS, (b + 1) * BS, (byte) 0);
        }
        return old;
    }

    /** Writes the point over {@code target}; returns the bytes written. */
    long write(Path target, boolean regularFile, boolean direct, AtomicInteger changes) {
        Progress progress = new Progress(RestoreListener.NONE);
        try (Repository repo = Repository.open(new ReadOnlyBackend(new LocalBackend(repoDir)), RepositoryOptions.readOnlyDefaults())) {
            new DeltaWriter(new BlockFetcher(repo, "db-1", point.id()), progress, changes::incrementAndGet, direct)
                    .write(entry, target, regularFile, true);
        }
        return progress.bytesWritten;
    }

    @Test
    void onlyTheBlocksThatDifferAreWrittenInEveryRunDirectOrNot() throws Exception {
        for (boolean direct : new boolean[] {true, false}) {
            Path target = Files.write(tmp.resolve("old-" + direct + ".img"), Arrays.copyOf(older(), image.length - 777));
            AtomicInteger changes = new AtomicInteger();
            long written = write(target, true, direct, changes);
            assertThat(Files.readAllBytes(target)).as("direct %s", direct).isEqualTo(image);
            // 11 changed blocks, 2 wiped, the last one cut short by the shorter target, and the 1000-byte tail it lacked
            assertThat(written).as("direct %s", direct).isEqualTo(13L * BS + BS + 1000);
            assertThat(changes.get()).isPositive();

            AtomicInteger none = new AtomicInteger();
            assertThat(write(target, true, direct, none)).as("a rerun finds nothing to write").isZero();
            assertThat(none).hasValue(0);
        }
    }

    @Test
    void aDeviceKeepsWhatLiesPastThePoint() throws Exception {
        byte[] old = Arrays.copyOf(older(), image.length + 5 * BS + 3);
        Arrays.fill(old, image.length, old.length, (byte) 0x55);
        Path device = Files.write(tmp.resolve("device.img"), old); // a file standing in for a device: never cut
        write(device, false, true, new AtomicInteger());
        byte[] now = Files.readAllBytes(device);
        assertThat(now).hasSize(old.length);
        assertThat(Arrays.copyOf(now, image.length)).isEqualTo(image);
        assertThat(Arrays.copyOfRange(now, image.length, now.length)).isEqualTo(Arrays.copyOfRange(old, image.length, old.length));
    }
}
