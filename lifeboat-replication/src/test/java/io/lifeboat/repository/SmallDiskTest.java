package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.LocalBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real, small filesystem (a 64 MiB tmpfs) fills up under the vault: below its free-space reserve
 * it refuses new uploads with a clear error, still commits points of blocks it has, prunes by policy,
 * and serves again once space is free, with nothing stored lost. Needs root to mount; skipped
 * elsewhere, except under CI ({@code CI=true}), where not being able to mount fails the test.
 */
class SmallDiskTest {
    static final int BS = 64 << 10;
    static final long MIB = 1 << 20;

    @TempDir
    Path tmp;

    Path disk;
    boolean mounted;
    final MutableClock clock = new MutableClock(Instant.parse("2026-02-01T00:00:00Z"));

    void mount() throws Exception {
        disk = Files.createDirectory(tmp.resolve("disk"));
        int rc;
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", disk.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            rc = p.waitFor();
        } catch (IOException e) {
            rc = -1;
        }
        mounted = rc == 0;
        if (!mounted && "true".equals(System.getenv("CI"))) {
            fail("cannot mount a 64 MiB tmpfs at " + disk + " (run the tests as root in CI)");
        }
        assumeTrue(mounted, "cannot mount a tmpfs here (not root?): the small-disk test is skipped");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", disk.toString()).redirectErrorStream(true).start().waitFor();
        }
    }

    /** Fills the disk with 1 MiB files until it is full, then frees {@code leave} bytes of them. */
    List<Path> fill(long leave) throws IOException {
        Path dir = Files.createDirectories(disk.resolve("filler"));
        List<Path> files = new ArrayList<>();
        byte[] mib = new byte[(int) MIB];
        try {
            for (int i = 0; ; i++) {
                Path f = dir.resolve("f" + i);
                files.add(f);
                try (OutputStream out = Files.newOutputStream(f)) {
                    out.write(mib);
                }
            }
        } catch (IOException full) {
            // ENOSPC: the disk is full
        }
        for (long freed = 0; freed < leave; freed += MIB) {
            Files.delete(files.remove(files.size() - 1));
        }
        return files;
    }

    static Cut version(int v) {
        return Fixtures.cutImage(Fixtures.random(3000 + v, 64 * BS), BS, SourceKind.IMAGE); // 4 MiB, all new
    }

    @Test
    void aFullDiskRefusesUploadsKeepsCommittingPrunesAndRecovers() throws Exception {
        mount();
        StoragePolicy policy = new StoragePolicy(RetentionPolicy.keepLast(2), Map.of(), Duration.ofHours(1), 4 * MIB);
        RepositoryOptions options = RepositoryOptions.defaults().withPolicy(policy).withClock(clock)
                .withPackTargetBytes((int) MIB).withPruneGrace(Duration.ofMinutes(30));
        Path repoDir = disk.resolve("repo");
        try (Repository repo = Repository.open(new LocalBackend(repoDir), options)) {
            List<PointInfo> points = new ArrayList<>();
            for (int v = 0; v < 3; v++) {
                points.add(Fixtures.protect(repo, "m", version(v)));
                clock.advance(Duration.ofMinutes(10));
            }
            fill(2 * MIB); // something else fills the vault's disk

            // below the reserve: new blocks are refused, clearly, and nothing stored is touched
            Cut next = version(3);
            assertThatThrownBy(() -> Fixtures.protect(repo, "m", next)).isInstanceOf(StorageFullException.class)
                    .hasMessageContaining("refused: the vault's disk at " + repoDir)
                    .hasMessageContaining("MiB in reserve").hasMessageContaining("nothing stored was lost");
            assertThat(repo.points(Optional.of("m"))).containsExactlyElementsOf(points);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();

            // a point that needs no new block still commits, and its retention prunes by policy
            clock.advance(Duration.ofHours(2)); // past the lock period of the first points
            PointInfo again = Fixtures.protect(repo, "m", version(2));
            assertThat(repo.points(Optional.of("m"))).containsExactly(points.get(2), again);
            assertThat(Files.getFileStore(disk).getUsableSpace()).isGreaterThan(8 * MIB);

            // space is there again: the upload that was refused goes through
            clock.advance(Duration.ofMinutes(10));
            PointInfo latest = Fixtures.protect(repo, "m", next);
            assertThat(repo.point("m", "latest")).isEqualTo(latest);
            for (PointInfo p : repo.points(Optional.of("m"))) {
                for (BlockId id : Verifier.blocksOf(repo.manifest("m", p.id()))) {
                    assertThat(BlockId.of(repo.readBlock("m", id))).isEqualTo(id);
                }
            }
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
        try (Repository repo = Repository.open(new LocalBackend(repoDir), options)) {
            assertThat(repo.points(Optional.of("m"))).hasSize(2);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }

    @Test
    void aFullVaultPrunesByItselfOnceTheLockPeriodAllows() throws Exception {
        mount();
        StoragePolicy policy = new StoragePolicy(RetentionPolicy.keepLast(1), Map.of(), Duration.ofHours(1), 4 * MIB);
        RepositoryOptions options = RepositoryOptions.defaults().withPolicy(policy).withClock(clock)
                .withPackTargetBytes((int) MIB).withPruneGrace(Duration.ofMinutes(30));
        try (Repository repo = Repository.open(new LocalBackend(disk.resolve("repo")), options)) {
            List<PointInfo> points = new ArrayList<>();
            for (int v = 0; v < 3; v++) {
                points.add(Fixtures.protect(repo, "m", version(v)));
                clock.advance(Duration.ofMinutes(10));
            }
            assertThat(repo.points(Optional.of("m"))).hasSize(3); // the policy keeps one; the lock period holds all
            fill(2 * MIB);
            Cut next = version(3);
            // inside the lock period the vault's own retention can free nothing: refused
            assertThatThrownBy(() -> Fixtures.protect(repo, "m", next)).isInstanceOf(StorageFullException.class);
            assertThat(repo.points(Optional.of("m"))).containsExactlyElementsOf(points);
            // the lock period is over: the next attempt finds the vault pruning by itself, and goes through
            clock.advance(Duration.ofHours(2));
            PointInfo latest = Fixtures.protect(repo, "m", next);
            assertThat(repo.points(Optional.of("m"))).containsExactly(latest);
            for (BlockId id : Verifier.blocksOf(repo.manifest("m", latest.id()))) {
                assertThat(BlockId.of(repo.readBlock("m", id))).isEqualTo(id);
            }
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }
}
