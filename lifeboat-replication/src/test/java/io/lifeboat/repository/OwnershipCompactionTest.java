package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pruning rewrites a machine's ownership as files of at most {@link Sweep#OWNERSHIP_FILE_BLOCKS}
 * blocks, so reading one at the next open takes little memory however many blocks the machine has,
 * and the rewritten files say exactly what the machine still owns.
 */
class OwnershipCompactionTest {
    static final int BS = 64;
    static final int BLOCKS = 40_000;

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    Repository open() {
        return Repository.open(new LocalBackend(dir.resolve("repo")), RepositoryOptions.defaults().withKeepNewest(1)
                .withClock(clock).withPruneGrace(Duration.ofHours(1)).withTableDir(dir.resolve("tables")));
    }

    @Test
    void aCompactedOwnershipIsSplitIntoBoundedFilesThatHoldExactlyWhatIsKept() throws Exception {
        Cut old = Fixtures.cutImage(Fixtures.random(1, BLOCKS * BS), BS, SourceKind.IMAGE);
        Cut kept = Fixtures.cutImage(Fixtures.random(2, BLOCKS * BS), BS, SourceKind.IMAGE);
        try (Repository repo = open()) {
            Fixtures.protect(repo, "m", old);
            clock.advance(Duration.ofHours(2));
            Fixtures.protect(repo, "m", kept); // keep-last 1: the old point and its blocks' ownership go
        }
        LocalBackend b = new LocalBackend(dir.resolve("repo"));
        Set<BlockId> owned = new HashSet<>();
        List<String> files = b.list(FileType.MACHINES);
        for (String f : files) {
            assertThat(OldOwnershipFiles.isBinary(dir.resolve("repo"), f)).as(f).isTrue();
            OwnershipCodec.OwnedBlocks rec = OwnershipCodec.read(b.read(new Handle(FileType.MACHINES, f)), f);
            assertThat(rec.count()).as(f).isLessThanOrEqualTo(Sweep.OWNERSHIP_FILE_BLOCKS);
            owned.addAll(List.of(rec.ids()));
        }
        assertThat(files).hasSizeGreaterThan(2);
        assertThat(owned).isEqualTo(kept.uploads().keySet());
        try (Repository repo = open()) {
            assertThat(repo.missing("m", kept.uploads().keySet())).isEmpty();
            assertThat(repo.missing("m", old.uploads().keySet())).hasSize(old.uploads().size());
        }
    }
}
