package io.lifeboat.replication.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.ManifestDelta;
import io.lifeboat.repository.ManifestHeader;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.tls.LifeboatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The delta commit's wire form, pushed as bytes: what it writes, what it reads back, what it refuses. */
class PointDeltaTest {
    static final String DIGEST = "ab".repeat(32);
    static final BlockId ID = BlockId.of(new byte[] {1, 2, 3});

    static PointDelta decode(String json) {
        return PointDelta.decode(ReplicationJson.tree(json.getBytes(StandardCharsets.UTF_8), "test"));
    }

    @Test
    void aTreeDeltaIsWrittenAsDocumentedAndReadBack() {
        Entry changed = new Entry("a/b.txt", EntryType.FILE, 0644, 1_764_350_000_000_000_123L, 40000, null,
                List.of(new BlockRef(ID, 32768), BlockRef.zero(7232)));
        Entry link = new Entry("l", EntryType.SYMLINK, 0777, 5, 0, "a/b.txt", List.of());
        PointDelta d = new PointDelta(1540096, "live", new ManifestDelta("20261206T081500Z-8fb5d14b",
                new ManifestHeader("/srv/www", SourceKind.DIRECTORY, 32768), DIGEST, List.of(changed, link),
                List.of("a/old.txt"), null));
        String json = new String(d.encode(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"bytesSent\":1540096,\"consistency\":\"live\",\"parent\":\"20261206T081500Z-8fb5d14b\","
                + "\"manifest\":{\"source\":\"/srv/www\",\"kind\":\"DIRECTORY\",\"blockSize\":32768,\"sha256\":\"" + DIGEST
                + "\"},\"entries\":[{\"path\":\"a/b.txt\",\"type\":\"FILE\",\"mode\":420,\"mtimeNanos\":1764350000000000123,"
                + "\"size\":40000,\"blocks\":[\"" + ID.hex() + ":32768\",\"0:7232\"]},{\"path\":\"l\",\"type\":\"SYMLINK\","
                + "\"mode\":511,\"mtimeNanos\":5,\"size\":0,\"link\":\"a/b.txt\",\"blocks\":[]}],\"removed\":[\"a/old.txt\"]}");
        assertThat(PointDelta.isDelta(ReplicationJson.tree(d.encode(), "test"))).isTrue();
        assertThat(decode(json)).isEqualTo(d);
    }

    @Test
    void anImageDeltaCarriesPositionsAndIsReadBack() {
        PointDelta d = new PointDelta(7, "crash-consistent", new ManifestDelta("p1",
                new ManifestHeader("/dev/sdb", SourceKind.BLOCK_DEVICE, 32768), DIGEST, List.of(), List.of(),
                new ManifestDelta.FileChange(0660, 99, 3L * 32768, List.of(new ManifestDelta.Change(0, BlockRef.zero(32768)),
                        new ManifestDelta.Change(2, new BlockRef(ID, 32768))))));
        String json = new String(d.encode(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"file\":{\"mode\":432,\"mtimeNanos\":99,\"size\":98304,\"changes\":[[0,\"0:32768\"],[2,\""
                + ID.hex() + ":32768\"]]}").doesNotContain("entries").doesNotContain("removed");
        assertThat(decode(json)).isEqualTo(d);
    }

    @Test
    void aChunkedCommitIsNotADelta() {
        byte[] chunked = new ChunkedCommit(1, "live", new ManifestHeader("/x", SourceKind.IMAGE, 4096), List.of("c")).encode();
        assertThat(PointDelta.isDelta(ReplicationJson.tree(chunked, "test"))).isFalse();
    }

    static final String HEAD = "{\"bytesSent\":1,\"consistency\":\"live\",\"parent\":\"p\","
            + "\"manifest\":{\"source\":\"/d\",\"kind\":\"IMAGE\",\"blockSize\":4096,\"sha256\":\"" + DIGEST + "\"}";

    @Test
    void malformedDeltasAreRefusedNamingTheField() {
        assertThatThrownBy(() -> decode(HEAD + ",\"extra\":1}")).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("unknown field \"extra\"");
        assertThatThrownBy(() -> decode("{\"bytesSent\":-1,\"consistency\":\"live\",\"parent\":\"p\"}"))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("\"bytesSent\" must be a number >= 0");
        assertThatThrownBy(() -> decode(HEAD + ",\"file\":{\"mode\":0,\"mtimeNanos\":0,\"size\":4096,\"changes\":[[0]]}}"))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("change 0 is not [position >= 0");
        assertThatThrownBy(() -> decode(HEAD + ",\"file\":{\"mode\":0,\"mtimeNanos\":0,\"size\":4096,\"changes\":[[-1,\"0:4096\"]]}}"))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> decode(HEAD + ",\"file\":{\"mode\":0,\"mtimeNanos\":0,\"size\":4096,\"changes\":[[0,\"zz:4096\"]]}}"))
                .isInstanceOf(LifeboatException.class).hasMessageContaining("delta change 0");
        assertThatThrownBy(() -> decode(HEAD.replace("IMAGE", "DISK") + "}")).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("\"manifest.kind\" must be one of");
        assertThatThrownBy(() -> decode(HEAD + ",\"removed\":[1]}")).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("\"removed\" holds a non-string");
        assertThatThrownBy(() -> decode(HEAD.replace(DIGEST, "xyz") + ",\"file\":{\"mode\":0,\"mtimeNanos\":0,\"size\":0,\"changes\":[]}}"))
                .isInstanceOf(LifeboatException.class).hasMessageContaining("SHA-256");
    }

    @Test
    void hostilePositionsAreRefusedBeforeAnyParentIsRead() {
        assertThatThrownBy(() -> decode(HEAD + ",\"file\":{\"mode\":0,\"mtimeNanos\":0,\"size\":4096,"
                + "\"changes\":[[1,\"0:4096\"]]}}")).isInstanceOf(LifeboatException.class)
                .hasMessageContaining("block position 1 is past the end of an entry of 4096 bytes");
        assertThatThrownBy(() -> decode(HEAD + ",\"file\":{\"mode\":0,\"mtimeNanos\":0,\"size\":40960,"
                + "\"changes\":[[3,\"0:4096\"],[2,\"0:4096\"]]}}")).isInstanceOf(LifeboatException.class)
                .hasMessageContaining("block position 2 is not after 3");
        assertThatThrownBy(() -> decode(HEAD + ",\"file\":{\"mode\":4096,\"mtimeNanos\":0,\"size\":0,\"changes\":[]}}"))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("12 permission bits");
    }
}
