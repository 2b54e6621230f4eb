package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.MemoryBackend;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The manifest chunk format, pushed as bytes: what is written reads back, and bad bytes are named. */
class ManifestChunkCodecTest {
    static final int BS = 4096;

    static BlockId id(int i) {
        return BlockId.of(new byte[] {(byte) i, (byte) (i >> 8), 7});
    }

    /** A tree with every kind of entry, every mode corner, zero runs and blocks. */
    static Manifest tree() {
        List<BlockRef> big = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            big.add(i % 10 < 4 ? BlockRef.zero(BS) : new BlockRef(id(i), BS));
        }
        big.add(new BlockRef(id(99_999), 17));
        return new Manifest(Manifest.FORMAT_VERSION, "/srv/tree", SourceKind.DIRECTORY, BS, List.of(
                new Entry("", EntryType.DIRECTORY, 07755, 1_764_350_000_123L, 0, null, List.of()),
                new Entry("bin", EntryType.DIRECTORY, 0, -5_000L, 0, null, List.of()),
                new Entry("bin/su", EntryType.FILE, 04755, 0, 2 * BS, null,
                        List.of(new BlockRef(id(1), BS), new BlockRef(id(1), BS))),
                new Entry("tmp/empty", EntryType.FILE, 01777, 1, 0, null, List.of()),
                new Entry("big.img", EntryType.FILE, 0640, 2, 3000L * BS * 6 / 10 + 3000L * BS * 4 / 10 + 17, null, big),
                new Entry("lien → ünïcode", EntryType.SYMLINK, 0777, 3, 0, "../bin/su", List.of())));
    }

    static List<byte[]> chunks(Manifest m, int target) {
        List<byte[]> out = new ArrayList<>();
        ManifestChunker.write(m, new ManifestChunker(out::add, target));
        return out;
    }

    static Manifest readBack(Manifest like, List<byte[]> chunks) {
        ManifestAssembler a = new ManifestAssembler();
        for (int i = 0; i < chunks.size(); i++) {
            ManifestChunkReader.read("chunk " + i, chunks.get(i), a);
        }
        return a.manifest(ManifestHeader.of(like));
    }

    @Test
    void aManifestCutIntoManySmallChunksReadsBackEqualWithEveryModeBitAndZeroRun() {
        Manifest m = tree();
        ManifestRules.check(m, BS);
        List<byte[]> small = chunks(m, 1024);
        assertThat(small.size()).as("an entry's blocks continue across chunks").isGreaterThan(50);
        assertThat(readBack(m, small)).isEqualTo(m);
        List<byte[]> one = chunks(m, ManifestChunker.TARGET_PLAIN_BYTES);
        assertThat(one).hasSize(1);
        assertThat(readBack(m, one)).isEqualTo(m);
    }

    @Test
    void runsOfZeroBlocksCostOneRecordEach() {
        Entry sparse = new Entry("", EntryType.FILE, 0600, 0, (1L << 40), null, List.of());
        List<byte[]> out = new ArrayList<>();
        ManifestChunker w = new ManifestChunker(out::add);
        w.entry(sparse);
        for (int i = 0; i < 1000; i++) {
            w.zeros((1L << 40) / BS / 1000, BS); // merged with the next run of the same length
        }
        w.zeros(((1L << 40) / BS) % 1000, BS);
        ManifestSummary s = w.finish();
        assertThat(s).isEqualTo(new ManifestSummary(1, 0, (1L << 40) / BS, 1L << 40, 1));
        byte[] plain = Zstd.decompress(out.get(0), ManifestChunkReader.MAX_PLAIN_BYTES);
        assertThat(plain.length).as("magic, one entry, one run").isLessThan(64);
    }

    @Test
    void anEmptyManifestIsOneChunk() {
        Manifest empty = new Manifest(Manifest.FORMAT_VERSION, "/srv/none", SourceKind.DIRECTORY, BS, List.of());
        List<byte[]> out = chunks(empty, 1024);
        assertThat(out).hasSize(1);
        assertThat(readBack(empty, out)).isEqualTo(empty);
    }

    /** Plain chunk bytes, compressed as a writer stores them. */
    static byte[] stored(byte[] plain) {
        return Zstd.compress(plain, 1);
    }

    static byte[] plainOf(Manifest m) {
        return Zstd.decompress(chunks(m, ManifestChunker.TARGET_PLAIN_BYTES).get(0), ManifestChunkReader.MAX_PLAIN_BYTES);
    }

    @Test
    void everyTruncationOfAChunkIsAnIntegrityErrorNamingIt() {
        byte[] plain = plainOf(tree());
        for (int cut = 0; cut < plain.length; cut += 1 + cut / 50) {
            byte[] shorter = Arrays.copyOf(plain, cut);
            boolean endsOnARecord = readsWhole(shorter);
            if (!endsOnARecord) {
                int at = cut;
                assertThatThrownBy(() -> ManifestChunkReader.read("chunk X", stored(shorter), new ManifestAssembler()))
                        .as("cut at %d", at).isInstanceOf(IntegrityException.class).hasMessageStartingWith("chunk X: ");
            }
        }
        byte[] frame = stored(plain);
        assertThatThrownBy(() -> ManifestChunkReader.read("chunk Y", Arrays.copyOf(frame, frame.length - 3), new ManifestAssembler()))
                .isInstanceOf(IntegrityException.class).hasMessageStartingWith("chunk Y: ").hasMessageContaining("truncated");
    }

    private static boolean readsWhole(byte[] plain) {
        try {
            ManifestChunkReader.read("probe", stored(plain), new ManifestAssembler());
            return true;
        } catch (IntegrityException e) {
            return false;
        }
    }

    @Test
    void malformedRecordsAreNamedWithTheirOffset() {
        byte[] plain = plainOf(tree());
        byte[] badTag = plain.clone();
        badTag[ManifestChunker.MAGIC.length] = 9;
        assertThatThrownBy(() -> ManifestChunkReader.read("c", stored(badTag), new ManifestAssembler()))
                .isInstanceOf(IntegrityException.class).hasMessage("c: unknown record 9 at offset 5");
        byte[] badMagic = plain.clone();
        badMagic[4] = 2;
        assertThatThrownBy(() -> ManifestChunkReader.read("c", stored(badMagic), new ManifestAssembler()))
                .hasMessageContaining("does not start with \"LBMC\" version 1");
        ByteBuffer b = ByteBuffer.allocate(64).put(ManifestChunker.MAGIC).put((byte) ManifestChunker.ZEROS).putInt(0).putInt(BS);
        assertThatThrownBy(() -> ManifestChunkReader.read("c", stored(Arrays.copyOf(b.array(), b.position())), new ManifestAssembler()))
                .hasMessageContaining("an empty run of zero blocks at offset 5");
        ByteBuffer mode = ByteBuffer.allocate(64).put(ManifestChunker.MAGIC).put((byte) ManifestChunker.ENTRY)
                .putShort((short) 1).put((byte) 'a').put((byte) 0).putShort((short) 010000).putLong(0).putLong(0)
                .put((byte) 0).putShort((short) 0);
        assertThatThrownBy(() -> ManifestChunkReader.read("c", stored(Arrays.copyOf(mode.array(), mode.position())), new ManifestAssembler()))
                .hasMessageContaining("mode 10000, more than 12 permission bits");
        assertThatThrownBy(() -> ManifestChunkReader.read("c", new byte[] {1, 2, 3}, new ManifestAssembler()))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("not a zstd frame");
    }

    /** A chunk of one entry whose path is the given bytes, and whose link target is {@code link}. */
    static byte[] entryWithPath(byte[] path, byte[] link) {
        ByteBuffer b = ByteBuffer.allocate(64 + path.length + link.length).put(ManifestChunker.MAGIC)
                .put((byte) ManifestChunker.ENTRY).putShort((short) path.length).put(path).put((byte) 2)
                .putShort((short) 0777).putLong(0).putLong(0).put((byte) (link.length > 0 ? 1 : 0))
                .putShort((short) link.length).put(link);
        return stored(Arrays.copyOf(b.array(), b.position()));
    }

    @Test
    void pathsAndLinksAreStrictUtf8AsciiOrNot() {
        byte[] target = "../ünï/cødé → x".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (String path : new String[] {"usr/share/file-000001.txt", "données/日本/ü", "a\u007fb"}) {
            ManifestAssembler a = new ManifestAssembler();
            ManifestChunkReader.read("c", entryWithPath(path.getBytes(java.nio.charset.StandardCharsets.UTF_8), target), a);
            Entry e = a.manifest(new ManifestHeader("/s", SourceKind.DIRECTORY, BS)).entries().get(0);
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.linkTarget()).isEqualTo("../ünï/cødé → x");
        }
        byte[][] notUtf8 = {
            {'a', (byte) 0xc3, '('}, // a lead byte without its continuation
            {(byte) 0x80, 'a'}, // a lone continuation byte
            {'a', (byte) 0xc0, (byte) 0xaf}, // an overlong '/'
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // a surrogate
            {'a', 'b', (byte) 0xff},
        };
        for (byte[] bad : notUtf8) {
            assertThatThrownBy(() -> ManifestChunkReader.read("c", entryWithPath(bad, new byte[0]), new ManifestAssembler()))
                    .isInstanceOf(IntegrityException.class).hasMessage("c: entry path at offset 5 is not UTF-8");
            assertThatThrownBy(() -> ManifestChunkReader.read("c", entryWithPath(new byte[] {'l'}, bad), new ManifestAssembler()))
                    .isInstanceOf(IntegrityException.class).hasMessage("c: link target at offset 5 is not UTF-8");
        }
    }

    @Test
    void aFrameThatWouldInflateBeyondTheBoundIsRefusedBeforeItIs() {
        byte[] huge = Zstd.compress(new byte[ManifestChunkReader.MAX_PLAIN_BYTES + 1], 1);
        assertThatThrownBy(() -> ManifestChunkReader.read("c", huge, new ManifestAssembler()))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("would inflate to 8388609 bytes");
    }

    @Test
    void aStoredChunkWhoseBytesChangedIsNamedByTheRepositoryAsDamaged() throws Exception {
        MemoryBackend backend = new MemoryBackend();
        Fixtures.Cut cut = Fixtures.cutImage(Fixtures.image(5, 12, BS), BS, SourceKind.IMAGE);
        PointInfo p;
        try (Repository repo = Repository.open(backend, RepositoryOptions.defaults())) {
            p = Fixtures.protect(repo, "m", cut);
        }
        String chunk;
        try (Repository repo = Repository.open(backend, RepositoryOptions.defaults())) {
            chunk = "m/" + repo.manifests.pointFile("m", p.id()).chunks().get(0); // (not the point's block filter)
        }
        Handle h = new Handle(FileType.MANIFESTS, chunk);
        byte[] bytes = backend.read(h);
        bytes[bytes.length / 2] ^= 1;
        backend.delete(h);
        backend.create(h, bytes);
        try (Repository repo = Repository.open(backend, RepositoryOptions.defaults())) {
            assertThat(repo.points(Optional.of("m"))).containsExactly(p);
            assertThatThrownBy(() -> repo.manifest("m", p.id())).isInstanceOf(IntegrityException.class)
                    .hasMessageStartingWith("manifest chunk manifests/" + chunk + ": SHA-256 of its ")
                    .hasMessageEndingWith("(damaged)");
        }
    }
}
