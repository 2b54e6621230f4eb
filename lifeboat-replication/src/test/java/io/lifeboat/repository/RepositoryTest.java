package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryTest {
    @TempDir
    Path dir;

    static final PointMeta META = new PointMeta(123, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "crash-consistent");

    static Manifest image(int blockSize, BlockRef... refs) {
        long size = 0;
        for (BlockRef r : refs) {
            size += r.length();
        }
        return new Manifest(Manifest.FORMAT_VERSION, "/dev/sdb", SourceKind.IMAGE, blockSize,
                List.of(new Entry("", EntryType.FILE, 0644, 1_700_000_000_000L, size, null, List.of(refs))));
    }

    @Test
    void storesCommitsAndReadsBack() {
        byte[] a = "hello block a".getBytes();
        byte[] b = new byte[4096];
        java.util.Arrays.fill(b, (byte) 7);
        BlockId ia = BlockId.of(a);
        BlockId ib = BlockId.of(b);
        try (Repository repo = Repository.open(new LocalBackend(dir), RepositoryOptions.defaults())) {
            assertThat(repo.missing("m1", List.of(ia, ib))).containsExactly(ia, ib);
            repo.putBlock("m1", ia, a, BlockEncoding.RAW);
            repo.putBlock("m1", ib, Zstd.compress(b), BlockEncoding.ZSTD);
            assertThat(repo.missing("m1", List.of(ia, ib))).isEmpty();
            assertThat(repo.missing("m2", List.of(ia, ib))).containsExactly(ia, ib);
            PointInfo p = repo.commitPoint("m1", image(8192, new BlockRef(ia, a.length), BlockRef.zero(8192),
                    new BlockRef(ib, b.length)), META);
            assertThat(p.sourceBytes()).isEqualTo(a.length + 8192 + 4096);
            assertThat(repo.point("m1", "latest")).isEqualTo(p);
        }
        try (Repository repo = Repository.open(new LocalBackend(dir), RepositoryOptions.defaults())) {
            assertThat(repo.points(Optional.empty())).hasSize(1);
            assertThat(repo.readBlock("m1", ia)).isEqualTo(a);
            assertThat(repo.readBlock("m1", ib)).isEqualTo(b);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
            assertThatThrownBy(() -> repo.readBlock("m2", ia)).isInstanceOf(NotFoundException.class);
        }
    }
}
