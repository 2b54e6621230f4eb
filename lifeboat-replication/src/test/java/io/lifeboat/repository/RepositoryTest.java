package io.lifeboat.repository;

import static io.lifeboat.repository.Fixtures.META;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.tls.LifeboatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryTest {
    @TempDir
    Path dir;

    Repository open() {
        return Repository.open(new LocalBackend(dir), RepositoryOptions.defaults());
    }

    static Manifest image(int blockSize, BlockRef... refs) {
        long size = Arrays.stream(refs).mapToLong(BlockRef::length).sum();
        return new Manifest(Manifest.FORMAT_VERSION, "/dev/sdb", SourceKind.IMAGE, blockSize,
                List.of(new Entry("", EntryType.FILE, 0644, 1_700_000_000_000L, size, null, List.of(refs))));
    }

    @Test
    void storesCommitsAndReadsBackAcrossReopen() {
        byte[] a = "hello block a".getBytes();
        byte[] b = new byte[4096];
        Arrays.fill(b, (byte) 7);
        BlockId ia = BlockId.of(a);
        BlockId ib = BlockId.of(b);
        PointInfo p;
        try (Repository repo = open()) {
            assertThat(repo.missing("m1", List.of(ia, ib))).containsExactly(ia, ib);
            repo.putBlock("m1", ia, a, BlockEncoding.RAW);
            repo.putBlock("m1", ib, Zstd.compress(b), BlockEncoding.ZSTD);
            assertThat(repo.missing("m1", List.of(ib, ia))).isEmpty();
            p = repo.commitPoint("m1", image(8192, new BlockRef(ia, a.length), BlockRef.zero(8192),
                    new BlockRef(ib, b.length)), new PointMeta(4242, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "crash-consistent"));
            assertThat(p.sourceBytes()).isEqualTo(a.length + 8192 + 4096);
            assertThat(p.bytesSent()).isEqualTo(4242);
            assertThat(repo.point("m1", "latest")).isEqualTo(p);
        }
        try (Repository repo = open()) {
            assertThat(repo.points(Optional.empty())).containsExactly(p);
            assertThat(repo.point("m1", p.id().substring(0, 12))).isEqualTo(p);
            assertThat(repo.manifest("m1", p.id()).entries().get(0).blocks()).hasSize(3);
            assertThat(repo.readBlock("m1", ia)).isEqualTo(a);
            assertThat(repo.readBlock("m1", ib)).isEqualTo(b);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }

    @Test
    void missingAnswersOnlyForTheAskingMachine() {
        byte[] a = Fixtures.random(1, 1000);
        BlockId id = BlockId.of(a);
        try (Repository repo = open()) {
            repo.putBlock("alpha", id, a, BlockEncoding.RAW);
            assertThat(repo.missing("alpha", List.of(id))).isEmpty();
            assertThat(repo.missing("beta", List.of(id))).containsExactly(id);
            assertThatThrownBy(() -> repo.readBlock("beta", id)).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("beta");
            Manifest m = image(1000, new BlockRef(id, 1000));
            assertThatThrownBy(() -> repo.commitPoint("beta", m, META)).isInstanceOf(MissingBlocksException.class);
            // beta uploads it and gains it; the bytes are stored once
            int packs = packCount();
            repo.putBlock("beta", id, a, BlockEncoding.RAW);
            assertThat(packCount()).isEqualTo(packs);
            assertThat(repo.missing("beta", List.of(id))).isEmpty();
            assertThat(repo.readBlock("beta", id)).isEqualTo(a);
            assertThat(repo.commitPoint("beta", m, META).machine()).isEqualTo("beta");
            assertThat(repo.points(Optional.of("alpha"))).isEmpty();
        }
    }

    int packCount() {
        try {
            return new LocalBackend(dir).list(FileType.DATA).size();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void putIsIdempotent() {
        byte[] a = Fixtures.random(2, 5000);
        BlockId id = BlockId.of(a);
        try (Repository repo = open()) {
            repo.putBlock("m", id, a, BlockEncoding.RAW);
            repo.putBlock("m", id, Zstd.compress(a), BlockEncoding.ZSTD);
            repo.putBlocks("m", List.of(new BlockUpload(id, a, BlockEncoding.RAW), new BlockUpload(id, a, BlockEncoding.RAW)));
            assertThat(repo.readBlock("m", id)).isEqualTo(a);
        }
        assertThat(packCount()).as("one pack, made durable by the close (group commit)").isEqualTo(1);
    }

    @Test
    void uploadsThatAreSlicesOfOneRequestBodyAreHashedAndStoredAsThoseSlices() {
        byte[] a = Fixtures.random(6, 4096);
        byte[] b = new byte[4096];
        Arrays.fill(b, (byte) 'x');
        byte[] zb = Zstd.compress(b);
        byte[] c = Fixtures.random(7, 4096);
        // one array, as a request body arrives: a, then b compressed, then c, with bytes around them
        byte[] body = new byte[3 + a.length + zb.length + c.length + 5];
        Arrays.fill(body, (byte) 0x5a);
        System.arraycopy(a, 0, body, 3, a.length);
        System.arraycopy(zb, 0, body, 3 + a.length, zb.length);
        System.arraycopy(c, 0, body, 3 + a.length + zb.length, c.length);
        BlockId ia = BlockId.of(a);
        BlockId ib = BlockId.of(b);
        BlockId ic = BlockId.of(c);
        try (Repository repo = open()) {
            // a slice one byte off its block's place fails by name; nothing is stored
            assertThatThrownBy(() -> repo.putBlocks("m", List.of(new BlockUpload(ia, body, 4, a.length, BlockEncoding.RAW))))
                    .isInstanceOf(IntegrityException.class).hasMessageContaining(ia.hex());
            assertThat(packCount()).isZero();
            repo.putBlocks("m", List.of(
                    new BlockUpload(ia, body, 3, a.length, BlockEncoding.RAW),
                    new BlockUpload(ib, body, 3 + a.length, zb.length, BlockEncoding.ZSTD),
                    new BlockUpload(ic, body, 3 + a.length + zb.length, c.length, BlockEncoding.RAW)));
            assertThat(repo.readBlock("m", ia)).isEqualTo(a);
            assertThat(repo.readBlock("m", ib)).isEqualTo(b);
            assertThat(repo.readBlock("m", ic)).isEqualTo(c);
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }

    @Test
    void readBlocksReturnsEachInOrderAndNamesOneThatIsNotThisMachines() {
        byte[] a = Fixtures.random(8, 3000);
        byte[] b = Fixtures.random(9, 3000);
        byte[] c = Fixtures.random(10, 1234);
        BlockId ia = BlockId.of(a);
        BlockId ib = BlockId.of(b);
        BlockId ic = BlockId.of(c);
        try (Repository repo = open()) {
            repo.putBlocks("m", List.of(new BlockUpload(ia, a, BlockEncoding.RAW),
                    new BlockUpload(ib, Zstd.compress(b), BlockEncoding.ZSTD), new BlockUpload(ic, c, BlockEncoding.RAW)));
            repo.putBlock("other", BlockId.of(new byte[] {1}), new byte[] {1}, BlockEncoding.RAW);
            assertThat(repo.readBlocks("m", List.of(ic, ia, ib, ia))).containsExactly(c, a, b, a);
            BlockId theirs = BlockId.of(new byte[] {1});
            assertThatThrownBy(() -> repo.readBlocks("m", List.of(ia, theirs)))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining(theirs.hex());
        }
    }

    @Test
    void aBodyThatDoesNotMatchItsIdIsRefusedAndNothingOfTheBatchIsStored() {
        byte[] a = Fixtures.random(3, 2000);
        byte[] b = Fixtures.random(4, 2000);
        BlockId ia = BlockId.of(a);
        BlockId ib = BlockId.of(b);
        try (Repository repo = open()) {
            assertThatThrownBy(() -> repo.putBlocks("m", List.of(new BlockUpload(ia, a, BlockEncoding.RAW),
                    new BlockUpload(ib, a, BlockEncoding.RAW))))
                    .isInstanceOf(IntegrityException.class)
                    .hasMessageContaining(ib.hex())
                    .satisfies(e -> assertThat(((LifeboatException) e).kind()).isEqualTo(LifeboatException.Kind.INTEGRITY));
            assertThat(repo.missing("m", List.of(ia, ib))).containsExactly(ia, ib);
            assertThat(packCount()).isZero();
        }
    }

    @Test
    void truncatedBodiesAreRefused() {
        byte[] a = Fixtures.random(5, 10_000);
        BlockId id = BlockId.of(a);
        byte[] z = Zstd.compress(a);
        try (Repository repo = open()) {
            assertThatThrownBy(() -> repo.putBlock("m", id, Arrays.copyOf(a, 9_999), BlockEncoding.RAW))
                    .isInstanceOf(IntegrityException.class).hasMessageContaining(id.hex()).hasMessageContaining("truncated");
            assertThatThrownBy(() -> repo.putBlock("m", id, Arrays.copyOf(z, z.length - 7), BlockEncoding.ZSTD))
                    .isInstanceOf(IntegrityException.class).hasMessageContaining(id.hex());
            assertThatThrownBy(() -> repo.putBlock("m", id, new byte[0], BlockEncoding.ZSTD))
                    .isInstanceOf(IntegrityException.class);
        }
    }

    @Test
    void decompressionIsBounded() {
        byte[] big = new byte[64 << 10]; // compresses to a few bytes
        BlockId id = BlockId.of(big);
        RepositoryOptions small = RepositoryOptions.defaults().withMaxBlockBytes(16 << 10);
        try (Repository repo = Repository.open(new LocalBackend(dir), small)) {
            byte[] bomb = Zstd.compress(big);
            assertThatThrownBy(() -> repo.putBlock("m", id, bomb, BlockEncoding.ZSTD))
                    .isInstanceOf(IntegrityException.class).hasMessageContaining("largest block");
            // a frame that hides its size is stopped by the bound as well
            var out = new java.io.ByteArrayOutputStream();
            try (var zs = new com.github.luben.zstd.ZstdOutputStream(out)) {
                zs.write(big);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            assertThatThrownBy(() -> repo.putBlock("m", id, out.toByteArray(), BlockEncoding.ZSTD))
                    .isInstanceOf(IntegrityException.class).hasMessageContaining(id.hex());
            assertThatThrownBy(() -> repo.putBlock("m", id, big, BlockEncoding.RAW))
                    .isInstanceOf(IntegrityException.class).hasMessageContaining("largest block");
        }
    }

    @Test
    void aManifestNamingMissingBlocksIsRefusedNamingTheFirst() {
        byte[] a = Fixtures.random(6, 100);
        BlockId present = BlockId.of(a);
        BlockId absent = BlockId.of(new byte[] {1, 2, 3});
        try (Repository repo = open()) {
            repo.putBlock("m", present, a, BlockEncoding.RAW);
            Manifest m = image(100, new BlockRef(present, 100), new BlockRef(absent, 3));
            assertThatThrownBy(() -> repo.commitPoint("m", m, META))
                    .isInstanceOf(MissingBlocksException.class)
                    .hasMessageContaining(absent.hex())
                    .satisfies(e -> assertThat(((MissingBlocksException) e).missing()).containsExactly(absent));
            assertThat(repo.points(Optional.empty())).isEmpty();
            assertThat(new LocalBackend(dir).list(FileType.POINTS)).isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void badManifestsAndNamesAreUsageErrors() {
        try (Repository repo = open()) {
            Manifest sizeMismatch = new Manifest(1, "/x", SourceKind.FILE, 100,
                    List.of(new Entry("", EntryType.FILE, 0, 0, 999, null, List.of(BlockRef.zero(100)))));
            assertThatThrownBy(() -> repo.commitPoint("m", sizeMismatch, META)).hasMessageContaining("add up");
            Manifest escape = new Manifest(1, "/x", SourceKind.DIRECTORY, 100,
                    List.of(new Entry("../etc", EntryType.DIRECTORY, 0, 0, 0, null, List.of())));
            assertThatThrownBy(() -> repo.commitPoint("m", escape, META)).hasMessageContaining("..");
            assertThatThrownBy(() -> repo.missing("../x", List.of())).hasMessageContaining("bad machine name");
            assertThatThrownBy(() -> repo.point("m", "latest")).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void aSecondWriterIsRefusedAndReadOnlyOpensLeaveNoTrace() throws Exception {
        try (Repository repo = open()) {
            assertThat(repo.location()).isEqualTo(dir.toString());
            assertThatThrownBy(this::open).isInstanceOf(RepositoryException.class).hasMessageContaining("open for writing");
            List<String> before = listAll();
            try (Repository ro = Repository.open(new LocalBackend(dir), RepositoryOptions.readOnlyDefaults())) {
                assertThat(ro.points(Optional.empty())).isEmpty();
                assertThatThrownBy(() -> ro.putBlock("m", BlockId.of(new byte[1]), new byte[1], BlockEncoding.RAW))
                        .hasMessageContaining("read-only");
            }
            assertThat(listAll()).isEqualTo(before);
        }
        assertThat(new LocalBackend(dir).list(FileType.LOCKS)).isEmpty();
    }

    @Test
    void aLockLeftByAKilledWriterIsStale() throws Exception {
        Repository killed = open();
        killed.abandon();
        assertThat(new LocalBackend(dir).list(FileType.LOCKS)).hasSize(1);
        try (Repository repo = open()) {
            assertThat(new LocalBackend(dir).list(FileType.LOCKS)).hasSize(1);
            assertThat(repo.points(Optional.empty())).isEmpty();
        }
        assertThat(new LocalBackend(dir).list(FileType.LOCKS)).isEmpty();
    }

    @Test
    void readOnlyOpenOfANonexistentRepositoryIsEmptyAndCreatesNothing() {
        Path none = dir.resolve("nothing-here");
        try (Repository ro = Repository.open(new LocalBackend(none), RepositoryOptions.readOnlyDefaults())) {
            assertThat(ro.points(Optional.empty())).isEmpty();
            assertThat(ro.verify(Optional.empty()).ok()).isTrue();
        }
        assertThat(none).doesNotExist();
    }

    List<String> listAll() throws java.io.IOException {
        try (var s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p) + ":" + p.toFile().lastModified()).sorted().toList();
        }
    }
}
