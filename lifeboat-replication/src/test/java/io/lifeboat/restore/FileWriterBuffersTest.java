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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileWriter}'s group buffers ({@link GroupBuffers}): each group is read into a pooled buffer
 * laid out as the file is and written from there, so a buffer must not go back to the pool while a
 * run of its group is still to be written, and a reused buffer's old bytes must never reach the
 * target (a device's zero blocks are written as zeros, not as what the buffer held).
 */
class FileWriterBuffersTest {
    @TempDir
    Path tmp;

    /**
     * Random blocks with a zero block every 67: each group of 256 blocks is written as four runs or
     * so (holes between them in a file, zeros on a device), and its zero blocks lie at other places
     * in the group than the last group's did, so a reused buffer holds data where they lie.
     */
    static byte[] image(long seed, int blocks, int bs, int tail) {
        byte[] img = Fixtures.random(seed, blocks * bs + tail);
        for (int i = 10; i < blocks; i += 67) {
            Arrays.fill(img, i * bs, (i + 1) * bs, (byte) 0);
        }
        return img;
    }

    record Stored(Path repoDir, Entry entry, PointInfo point) {
    }

    Stored protect(byte[] img, int bs) {
        Path repoDir = tmp.resolve("vault-" + bs + "/repo");
        Cut cut = Fixtures.cutImage(img, bs, SourceKind.IMAGE);
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.defaults())) {
            PointInfo point = Fixtures.protect(repo, "db-1", cut);
            return new Stored(repoDir, cut.manifest().entries().get(0), point);
        }
    }

    /**
     * A listener that holds the writing thread after every write, long enough for the read-ahead
     * threads to read the next groups: were a group's buffer back in the pool before its last run
     * was written, a group read ahead would take it and overwrite that run's bytes first.
     */
    static final RestoreListener SLOW_WRITES = new RestoreListener() {
        @Override
        public void written(long bytesWritten) {
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };

    int write(Stored s, Path target, boolean direct, boolean device) {
        try (Repository repo = Repository.open(new ReadOnlyBackend(new LocalBackend(s.repoDir())), RepositoryOptions.readOnlyDefaults());
                FileWriter writer = new FileWriter(new BlockFetcher(repo, "db-1", s.point().id()), new Progress(SLOW_WRITES),
                        direct, DirectTarget.O_DIRECT)) {
            if (device) {
                writer.writeDevice(s.entry(), target);
            } else {
                writer.writeSparse(s.entry(), target);
            }
            return writer.buffers.allocated();
        }
    }

    @Test
    void aGroupsBufferIsReusedOnlyOnceEveryRunOfItIsWritten() throws Exception {
        int bs = 4096;
        int groups = 10;
        byte[] img = image(31, groups * FileWriter.GROUP_BLOCKS, bs, 0);
        Stored s = protect(img, bs);
        for (boolean direct : new boolean[] {true, false}) {
            Path target = tmp.resolve("restored-" + direct + ".img");
            int allocated = write(s, target, direct, false);
            assertThat(Files.readAllBytes(target)).as("direct %s", direct).isEqualTo(img);
            // the buffers were reused (ten groups, far fewer buffers), so the check above could fail
            assertThat(allocated).as("buffers allocated for %d groups", groups).isLessThanOrEqualTo(FileWriter.READ_AHEAD + 2);
        }
    }

    @Test
    void aDeviceGetsZerosWhereAReusedBufferHeldAnotherGroupsBytes() throws Exception {
        int bs = 4096;
        byte[] img = image(32, 6 * FileWriter.GROUP_BLOCKS, bs, 0);
        Stored s = protect(img, bs);
        for (boolean direct : new boolean[] {true, false}) {
            Path device = tmp.resolve("device-" + direct + ".img"); // a file standing in for a device: never cut
            byte[] old = new byte[img.length + 5 * bs];
            Arrays.fill(old, (byte) 0x55);
            Files.write(device, old);
            write(s, device, direct, true);
            byte[] got = Files.readAllBytes(device);
            assertThat(Arrays.copyOf(got, img.length)).as("direct %s", direct).isEqualTo(img);
            assertThat(Arrays.copyOfRange(got, img.length, got.length)).containsOnly((byte) 0x55);
        }
    }

    @Test
    void groupsThatStartOffTheAlignmentAndAShortLastBlockAreWrittenInPlace() throws Exception {
        int bs = 5000; // a group of 256 blocks is 1,280,000 bytes: every other group starts 2,048 bytes into a 4 KiB block
        byte[] img = image(33, 5 * FileWriter.GROUP_BLOCKS, bs, 1234);
        Stored s = protect(img, bs);
        for (boolean direct : new boolean[] {true, false}) {
            Path target = tmp.resolve("odd-" + direct + ".img");
            write(s, target, direct, false);
            assertThat(Files.readAllBytes(target)).as("direct %s", direct).isEqualTo(img);
            Path device = tmp.resolve("odd-device-" + direct + ".img");
            byte[] old = new byte[img.length + 777];
            Arrays.fill(old, (byte) 0x55);
            Files.write(device, old);
            write(s, device, direct, true);
            byte[] got = Files.readAllBytes(device);
            assertThat(Arrays.copyOf(got, img.length)).as("device, direct %s", direct).isEqualTo(img);
            assertThat(Arrays.copyOfRange(got, img.length, got.length)).containsOnly((byte) 0x55);
        }
    }
}
