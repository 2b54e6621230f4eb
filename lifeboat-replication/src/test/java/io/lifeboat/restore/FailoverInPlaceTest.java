package io.lifeboat.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover in place (failback): a forced failover onto an image that already holds an older point
 * fetches and writes only the blocks that differ, under a marker, and a rerun after a crash finishes
 * the target without fetching again what was written.
 */
class FailoverInPlaceTest {
    static final int BS = 4096;
    /** Three runs and a bit (FileWriter.GROUP_BLOCKS each), so changes fall in several runs. */
    static final int BLOCKS = 3 * FileWriter.GROUP_BLOCKS + 7;

    @TempDir
    Path tmp;

    Path repoDir;
    byte[] old;
    byte[] now;
    PointInfo newer;

    @BeforeEach
    void protectTwoPoints() {
        repoDir = tmp.resolve("vault/repo");
        old = Fixtures.image(21, BLOCKS, BS); // every third block zeros
        now = old.clone();
        put(now, 1, Fixtures.random(1, BS));    // data changed
        put(now, 3, Fixtures.random(3, BS));    // a zero block now holds data
        put(now, 4, new byte[BS]);              // data now zeros: written, never fetched
        put(now, 100, Fixtures.random(100, BS)); // second run
        put(now, 190, Fixtures.random(190, BS)); // third run
        try (Repository repo = Repository.open(new LocalBackend(repoDir), RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "db-1", Fixtures.cutImage(old, BS, SourceKind.IMAGE));
            newer = Fixtures.protect(repo, "db-1", Fixtures.cutImage(now, BS, SourceKind.IMAGE));
        }
    }

    static void put(byte[] img, int block, byte[] data) {
        System.arraycopy(data, 0, img, block * BS, BS);
    }

    RestoreResult failover(Path target, boolean force, RestoreListener listener) {
        try (Repository repo = Repository.open(new ReadOnlyBackend(new LocalBackend(repoDir)),
                RepositoryOptions.readOnlyDefaults())) {
            return new Failover(repo, listener).run("db-1", newer.id(), target, new FailoverOptions(false, force));
        }
    }

    Path marker(Path target) {
        return target.resolveSibling(target.getFileName() + IncompleteMarker.SUFFIX);
    }

    @Test
    void failbackOntoTheOldImageFetchesOnlyTheChangedBlocks() throws Exception {
        Path target = tmp.resolve("old.img");
        Files.write(target, old);
        RestoreResult r = failover(target, true, RestoreListener.NONE);
        assertThat(Files.readAllBytes(target)).isEqualTo(now);
        assertThat(r.inPlace()).isTrue();
        assertThat(r.checkedAfterWrite()).isTrue();
        assertThat(r.blocksVerified()).isEqualTo(4);
        assertThat(r.bytesFetched()).isEqualTo(4L * BS);
        assertThat(r.bytesWritten()).isEqualTo(5L * BS);
        assertThat(r.bytesRestored()).isEqualTo(now.length);
        assertThat(Fixtures.mode(target)).isEqualTo(0640);
        assertThat(marker(target)).doesNotExist();
    }

    @Test
    void aTargetThatAlreadyMatchesIsNotWrittenAndGetsNoMarker() throws Exception {
        Path target = tmp.resolve("same.img");
        Files.write(target, now);
        boolean[] markerSeen = {false};
        RestoreResult r = failover(target, true, new RestoreListener() {
            @Override
            public void written(long bytesWritten) {
                markerSeen[0] = true;
            }
        });
        assertThat(r.blocksVerified()).isZero();
        assertThat(r.bytesWritten()).isZero();
        assertThat(markerSeen[0]).isFalse();
        assertThat(marker(target)).doesNotExist();
    }

    @Test
    void aLongerTargetIsCutAndAShorterOneExtended() throws Exception {
        Path longer = tmp.resolve("longer.img");
        byte[] extra = Arrays.copyOf(now, now.length + 3 * BS);
        extra[now.length + 5] = 7;
        Files.write(longer, extra);
        failover(longer, true, RestoreListener.NONE);
        assertThat(Files.readAllBytes(longer)).isEqualTo(now);

        Path shorter = tmp.resolve("shorter.img");
        Files.write(shorter, Arrays.copyOf(now, now.length - 10 * BS - 17));
        RestoreResult r = failover(shorter, true, RestoreListener.NONE);
        assertThat(Files.readAllBytes(shorter)).isEqualTo(now);
        assertThat(r.bytesWritten()).isEqualTo(11L * BS);
    }

    @Test
    void aCrashMidwayLeavesAMarkerAndARerunFinishesWithoutFetchingAgain() throws Exception {
        Path target = tmp.resolve("old.img");
        Files.write(target, old);
        // a crash right after 2 blocks' bytes are written: block 1, then blocks 3 and 4 in one write (consecutive
        // blocks that differ go out together); 100 and 190 not yet
        RestoreListener crash = new RestoreListener() {
            @Override
            public void written(long bytesWritten) {
                if (bytesWritten >= 2L * BS) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThatThrownBy(() -> failover(target, true, crash)).hasMessage("simulated crash");
        assertThat(marker(target)).exists();
        assertThat(Files.readString(marker(target))).startsWith("machine db-1 point " + newer.id());
        assertThat(Files.readAllBytes(target)).isNotEqualTo(old).isNotEqualTo(now);

        assertThatThrownBy(() -> failover(target, false, RestoreListener.NONE))
                .isInstanceOf(RestoreException.class)
                .hasMessageContaining("is incomplete")
                .hasMessageContaining("may mix two points")
                .hasMessageContaining("--force");

        RestoreResult r = failover(target, true, RestoreListener.NONE);
        assertThat(r.finishedIncomplete()).isEqualTo("machine db-1 point " + newer.id());
        assertThat(r.blocksVerified()).as("blocks 100 and 190 only: 1, 3 and 4 were written before the crash").isEqualTo(2);
        assertThat(r.bytesWritten()).isEqualTo(2L * BS);
        assertThat(Files.readAllBytes(target)).isEqualTo(now);
        assertThat(marker(target)).doesNotExist();
    }

    @Test
    void aTargetThatFailsTheReadBackKeepsItsMarkerAndSaysSo() throws Exception {
        Path target = tmp.resolve("old.img");
        Files.write(target, old);
        // after each write, something else scribbles on block 150 (which matched and so is never rewritten)
        RestoreListener scribbler = new RestoreListener() {
            @Override
            public void written(long bytesWritten) {
                try (var ch = java.nio.channels.FileChannel.open(target, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.write(java.nio.ByteBuffer.wrap(new byte[] {42}), 150L * BS + 1);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        assertThatThrownBy(() -> failover(target, true, scribbler))
                .hasMessageContaining("differs from the point at offset " + 150L * BS)
                .hasMessageContaining("left incomplete");
        assertThat(marker(target)).exists();
    }
}
