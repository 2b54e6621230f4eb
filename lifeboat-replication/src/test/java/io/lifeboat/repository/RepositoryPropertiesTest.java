package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import io.lifeboat.repository.backend.MemoryBackend;
import io.lifeboat.tls.LifeboatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RepositoryPropertiesTest {

    @Property(tries = 40)
    void whatIsPutIsReadBackExactly(@ForAll @Size(min = 1, max = 12) List<@Size(max = 3000) byte[]> blocks,
            @ForAll boolean compress, @ForAll @IntRange(min = 64, max = 8192) int packTarget) {
        try (Repository repo = Repository.open(new MemoryBackend(), RepositoryOptions.defaults().withPackTargetBytes(packTarget))) {
            List<BlockUpload> ups = new ArrayList<>();
            for (byte[] b : blocks) {
                BlockId id = BlockId.of(b);
                ups.add(compress ? new BlockUpload(id, Zstd.compress(b), BlockEncoding.ZSTD) : new BlockUpload(id, b, BlockEncoding.RAW));
            }
            repo.putBlocks("m", ups);
            for (byte[] b : blocks) {
                assertThat(repo.readBlock("m", BlockId.of(b))).isEqualTo(b);
            }
            assertThat(repo.missing("m", ups.stream().map(BlockUpload::id).toList())).isEmpty();
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
    }

    @Property(tries = 100)
    void manifestsSurviveTheirJsonForm(@ForAll("manifests") Manifest m) {
        assertThat(ManifestCodec.fromJson(ManifestCodec.toJson(m))).isEqualTo(m);
    }

    @Property(tries = 200)
    void damagedManifestJsonIsAUsageErrorNeverACrash(@ForAll("manifests") Manifest m, @ForAll @IntRange(min = 0, max = 10_000) int cut,
            @ForAll byte noise) {
        byte[] json = ManifestCodec.toJson(m);
        byte[] bad = json.clone();
        bad[cut % bad.length] = noise;
        byte[] truncated = java.util.Arrays.copyOf(json, cut % json.length);
        for (byte[] input : List.of(bad, truncated)) {
            try {
                Manifest parsed = ManifestCodec.fromJson(input);
                ManifestRules.check(parsed, 1 << 24);
            } catch (LifeboatException e) {
                assertThat(e.kind()).isEqualTo(LifeboatException.Kind.USAGE);
            }
        }
    }

    @Provide
    Arbitrary<Manifest> manifests() {
        Arbitrary<BlockRef> ref = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(20),
                Arbitraries.integers().between(1, 4096), Arbitraries.of(true, false))
                .as((seed, len, zero) -> zero ? BlockRef.zero(len) : new BlockRef(BlockId.of(seed), len));
        Arbitrary<String> seg = Arbitraries.strings().withChars("abcé -_.ファ").ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.equals(".") && !s.equals(".."));
        Arbitrary<Entry> entry = Combinators.combine(seg.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l)),
                Arbitraries.of(EntryType.class), Arbitraries.integers().between(0, 0777),
                Arbitraries.longs().between(0, 4_000_000_000_000L), ref.list().ofMaxSize(4), seg)
                .as((path, type, mode, mtime, refs, link) -> new Entry(path, type, mode, mtime,
                        type == EntryType.FILE ? refs.stream().mapToLong(BlockRef::length).sum() : 0,
                        type == EntryType.SYMLINK ? link : null, type == EntryType.FILE ? refs : List.of()));
        return Combinators.combine(Arbitraries.strings().ofMaxLength(30), entry.list().ofMaxSize(6)
                .uniqueElements(Entry::path))
                .as((source, entries) -> new Manifest(Manifest.FORMAT_VERSION, source, SourceKind.DIRECTORY, 4096, entries));
    }
}
