package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.LocalBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    static final int BS = 4096;

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    Repository open(int keep) {
        return Repository.open(new LocalBackend(dir), RepositoryOptions.defaults().withKeepNewest(keep)
                .withClock(clock).withPruneGrace(Duration.ofHours(1)));
    }

    long storedBytes() throws IOException {
        LocalBackend b = new LocalBackend(dir);
        long sum = 0;
        for (String p : b.list(FileType.DATA)) {
            sum += b.size(new io.lifeboat.repository.backend.Handle(FileType.DATA, p)).orElse(0);
        }
        return sum;
    }

    @Test
    void keepsTheNewestPointsAndPrunesBlocksNoPointNeeds() throws IOException {
        List<Cut> versions = new ArrayList<>();
        try (Repository repo = open(2)) {
            for (int v = 0; v < 4; v++) {
                Cut cut = Fixtures.cutImage(Fixtures.random(100 + v, 20 * BS), BS, SourceKind.IMAGE);
                versions.add(cut);
                Fixtures.protect(repo, "m", cut);
                clock.advance(Duration.ofHours(2));
            }
            List<PointInfo> points = repo.points(Optional.of("m"));
            assertThat(points).hasSize(2);
            // the two oldest versions' blocks are gone: stored bytes are about two versions' worth
            assertThat(storedBytes()).isLessThan(3L * 20 * BS);
            assertThat(repo.missing("m", versions.get(0).uploads().keySet())).hasSize(versions.get(0).uploads().size());
            assertThat(repo.missing("m", versions.get(3).uploads().keySet())).isEmpty();
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
        try (Repository repo = open(2)) {
            assertThat(repo.points(Optional.of("m"))).hasSize(2);
            for (Cut c : versions.subList(2, 4)) {
                for (BlockUpload u : c.uploads().values()) {
                    assertThat(BlockId.of(repo.readBlock("m", u.id()))).isEqualTo(u.id());
                }
            }
        }
    }

    @Test
    void blocksOfAPointBeingUploadedSurviveRetention() {
        try (Repository repo = open(1)) {
            Cut first = Fixtures.cutImage(Fixtures.random(1, 8 * BS), BS, SourceKind.IMAGE);
            Fixtures.protect(repo, "m", first);
            clock.advance(Duration.ofHours(3));
            // the next protect uploads new blocks but has not committed yet ...
            Cut inFlight = Fixtures.cutImage(Fixtures.random(2, 8 * BS), BS, SourceKind.IMAGE);
            repo.putBlocks("m", inFlight.uploadList());
            // ... and was told the old blocks are present
            repo.missing("m", first.uploads().keySet());
            // another point commits, so retention runs and drops the first point
            Cut other = Fixtures.cutImage(Fixtures.random(3, 8 * BS), BS, SourceKind.IMAGE);
            Fixtures.protect(repo, "m", other);
            assertThat(repo.points(Optional.of("m"))).hasSize(1);
            assertThat(repo.missing("m", inFlight.uploads().keySet())).isEmpty();
            assertThat(repo.missing("m", first.uploads().keySet())).isEmpty();
            Fixtures.protect(repo, "m", inFlight);
        }
    }

    @Test
    void blocksSharedWithAnotherMachineStayWhileThatMachineNeedsThem() {
        Cut shared = Fixtures.cutImage(Fixtures.random(7, 10 * BS), BS, SourceKind.IMAGE);
        try (Repository repo = open(1)) {
            Fixtures.protect(repo, "a", shared);
            Fixtures.protect(repo, "b", shared);
            clock.advance(Duration.ofHours(2));
            Fixtures.protect(repo, "a", Fixtures.cutImage(Fixtures.random(8, 10 * BS), BS, SourceKind.IMAGE));
            assertThat(repo.missing("a", shared.uploads().keySet())).hasSize(shared.uploads().size());
            assertThat(repo.missing("b", shared.uploads().keySet())).isEmpty();
            for (BlockUpload u : shared.uploads().values()) {
                assertThat(BlockId.of(repo.readBlock("b", u.id()))).isEqualTo(u.id());
            }
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }

    @Test
    void mostlyDeadPacksAreRepacked() throws IOException {
        try (Repository repo = open(1)) {
            byte[] img = Fixtures.random(9, 40 * BS);
            Cut v1 = Fixtures.cutImage(img, BS, SourceKind.IMAGE);
            Fixtures.protect(repo, "m", v1);
            clock.advance(Duration.ofHours(2));
            // v2 keeps 10 of v1's 40 blocks: the one pack of v1 is three quarters dead
            byte[] img2 = img.clone();
            System.arraycopy(Fixtures.random(10, 30 * BS), 0, img2, 10 * BS, 30 * BS);
            Cut v2 = Fixtures.cutImage(img2, BS, SourceKind.IMAGE);
            Fixtures.protect(repo, "m", v2);
            assertThat(storedBytes()).isLessThan(45L * BS);
            for (BlockUpload u : v2.uploads().values()) {
                assertThat(BlockId.of(repo.readBlock("m", u.id()))).isEqualTo(u.id());
            }
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }
}
