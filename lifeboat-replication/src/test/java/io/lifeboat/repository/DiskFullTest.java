package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.FaultInjectingBackend;
import io.lifeboat.repository.backend.MemoryBackend;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The vault's disk fills up mid-protect: a clear error, and nothing stored before is lost. */
class DiskFullTest {
    static final int BS = 8192;

    @Test
    void aFullDiskFailsTheUploadClearlyAndKeepsWhatWasStored() {
        MemoryBackend store = new MemoryBackend();
        FaultInjectingBackend faulty = new FaultInjectingBackend(store);
        Cut first = Fixtures.cutImage(Fixtures.random(1, 16 * BS), BS, SourceKind.IMAGE);
        Cut second = Fixtures.cutImage(Fixtures.random(2, 16 * BS), BS, SourceKind.IMAGE);
        try (Repository repo = Repository.open(faulty, RepositoryOptions.defaults().withPackTargetBytes(4 * BS))) {
            PointInfo p1 = Fixtures.protect(repo, "m", first);
            faulty.diskFullAfter(6L * BS);
            assertThatThrownBy(() -> Fixtures.protect(repo, "m", second))
                    .isInstanceOf(RepositoryException.class)
                    .hasMessageContaining("disk is full")
                    .hasMessageContaining("nothing stored before was lost");
            assertThat(repo.points(Optional.of("m"))).containsExactly(p1);
            for (BlockUpload u : first.uploads().values()) {
                assertThat(BlockId.of(repo.readBlock("m", u.id()))).isEqualTo(u.id());
            }
            // group commit: the upload was written behind and counts as stored; the commit's sync hit the
            // full disk, so it stays staged (retried by the next sync) and no point names it
            // a commit on a full disk fails too, and leaves no point behind
            faulty.diskFullAfter(0);
            Cut tiny = Fixtures.cutImage(new byte[BS], BS, SourceKind.IMAGE); // all zeros: nothing to upload
            assertThatThrownBy(() -> repo.commitPoint("m", tiny.manifest(), Fixtures.META)).hasMessageContaining("disk is full");
            assertThat(repo.points(Optional.of("m"))).containsExactly(p1);
        }
        // space freed: the next protect completes, sending only what is missing
        try (Repository repo = Repository.open(store, RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "m", second);
            assertThat(repo.points(Optional.of("m"))).hasSize(2);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }
}
