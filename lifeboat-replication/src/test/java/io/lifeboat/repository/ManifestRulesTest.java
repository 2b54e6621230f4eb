package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.tls.LifeboatException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Each way a manifest can be unacceptable is refused with a USAGE error naming the problem. */
class ManifestRulesTest {
    static final BlockRef B = new BlockRef(BlockId.of(new byte[] {1}), 100);

    static Entry dir(String path) {
        return new Entry(path, EntryType.DIRECTORY, 0755, 0, 0, null, List.of());
    }

    static Entry file(String path, long size, BlockRef... refs) {
        return new Entry(path, EntryType.FILE, 0644, 0, size, null, List.of(refs));
    }

    static Manifest tree(Entry... entries) {
        return new Manifest(Manifest.FORMAT_VERSION, "/src", SourceKind.DIRECTORY, 100, List.of(entries));
    }

    static void refused(Manifest m, String why) {
        assertThatThrownBy(() -> ManifestRules.check(m, 1 << 20))
                .isInstanceOf(LifeboatException.class)
                .hasMessageContaining(why)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((LifeboatException) e).kind())
                        .isEqualTo(LifeboatException.Kind.USAGE));
    }

    @Test
    void aGoodTreePasses() {
        assertThatCode(() -> ManifestRules.check(tree(dir(""), dir("a"), file("a/f", 100, B),
                new Entry("a/l", EntryType.SYMLINK, 0777, 0, 0, "../x", List.of())), 1 << 20)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/abs", "a//b", "a/./b", "a/../b", "..", ".", "a/", "nul\u0000byte", "../a", "./a", "a/..",
        "a/.", "a/b//c", "a/b/../../..", "//", "/"})
    void pathsThatLeaveTheTargetAreRefused(String path) {
        refused(tree(dir(path)), "manifest path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"...", ".a", "a..", "..a", "a/.b/..c", "a/b.", "a/.../b", "x", "a/b/c/d.e"})
    void dotsInsideANameAreNotSegmentsOfTheirOwn(String path) {
        assertThatCode(() -> ManifestRules.check(tree(dir(""), dir(path)), 1 << 20)).doesNotThrowAnyException();
    }

    @Test
    void eachShapeProblemIsNamed() {
        refused(tree(dir("a"), dir("a")), "appears twice");
        refused(tree(file("", 0)), "root");
        refused(tree(file("f", 99, B)), "add up");
        refused(tree(file("f", 200, new BlockRef(B.id(), 200))), "exceeds the block size");
        refused(tree(new Entry("l", EntryType.SYMLINK, 0777, 0, 0, null, List.of())), "no valid target");
        refused(tree(new Entry("d", EntryType.DIRECTORY, 0755, 0, 0, null, List.of(B))), "lists blocks");
        refused(new Manifest(2, "/x", SourceKind.IMAGE, 100, List.of(file("", 100, B))), "format version");
        refused(new Manifest(1, "/x", SourceKind.IMAGE, 100, List.of(file("x", 100, B))), "exactly one FILE entry");
        refused(new Manifest(1, "/x", SourceKind.IMAGE, 100, List.of(file("", 100, B), file("", 100, B))), "exactly one");
        refused(new Manifest(1, "/x", SourceKind.IMAGE, 1 << 21, List.of(file("", 100, B))), "block size");
        refused(new Manifest(1, "/x", SourceKind.IMAGE, 100, List.of(file("", -1))), "negative size");
    }

    @Test
    void malformedJsonIsAUsageErrorWithAPosition() {
        assertThatThrownBy(() -> ManifestCodec.fromJson("{\"formatVersion\":1,".getBytes()))
                .isInstanceOf(LifeboatException.class).hasMessageContaining("malformed JSON at line 1");
        assertThatThrownBy(() -> ManifestCodec.fromJson("{\"formatVersion\":1,\"source\":\"s\",\"kind\":\"IMAGE\",\"blockSize\":4,\"entries\":[{\"path\":\"\",\"type\":\"FILE\",\"mode\":0,\"mtime\":0,\"size\":4,\"blocks\":[\"zz:4\"]}]}".getBytes()))
                .isInstanceOf(LifeboatException.class).hasMessageContaining("zz:4");
        assertThatThrownBy(() -> ManifestCodec.fromJson("[]".getBytes())).hasMessageContaining("not a JSON object");
    }

    @Test
    void mtimesTravelInNanosecondsAndAnOlderManifestsMillisecondsAreRead() {
        Manifest m = new Manifest(Manifest.FORMAT_VERSION, "/s", SourceKind.DIRECTORY, 4096, java.util.List.of(
                new Entry("", EntryType.DIRECTORY, 01777, 1_700_000_000_123_456_789L, 0, null, java.util.List.of())));
        String json = new String(ManifestCodec.toJson(m), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"mtimeNanos\":1700000000123456789").contains("\"mode\":1023");
        assertThat(ManifestCodec.fromJson(json.getBytes())).isEqualTo(m);
        String older = "{\"formatVersion\":1,\"source\":\"s\",\"kind\":\"DIRECTORY\",\"blockSize\":4096,\"entries\":"
                + "[{\"path\":\"\",\"type\":\"DIRECTORY\",\"mode\":493,\"mtime\":1700000000123,\"size\":0,\"blocks\":[]}]}";
        assertThat(ManifestCodec.fromJson(older.getBytes()).entries().get(0).mtimeNanos()).isEqualTo(1_700_000_000_123_000_000L);
        String overflow = older.replace("1700000000123", "9300000000000000");
        assertThatThrownBy(() -> ManifestCodec.fromJson(overflow.getBytes())).hasMessageContaining("outside the range");
    }
}
