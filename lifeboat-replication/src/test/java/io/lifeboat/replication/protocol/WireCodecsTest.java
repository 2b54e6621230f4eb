package io.lifeboat.replication.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.SourceKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecsTest {
    static Manifest manifest() {
        BlockId a = BlockId.of("a".getBytes());
        return new Manifest(Manifest.FORMAT_VERSION, "/srv", SourceKind.DIRECTORY, 32768, List.of(
                new Entry("", EntryType.DIRECTORY, 0755, 1000, 0, null, List.of()),
                new Entry("f", EntryType.FILE, 0644, 2000, 32769, null, List.of(new BlockRef(a, 32768), BlockRef.zero(1))),
                new Entry("l", EntryType.SYMLINK, 0777, 3000, 0, "f", List.of())));
    }

    @Test
    void idListsRoundTripAndRejectPartialIds() {
        List<BlockId> ids = List.of(BlockId.of("x".getBytes()), BlockId.of("y".getBytes()));
        assertThat(IdListCodec.decode(IdListCodec.encode(ids))).isEqualTo(ids);
        assertThat(IdListCodec.encode(ids)).hasSize(64);
        assertThatThrownBy(() -> IdListCodec.decode(new byte[33])).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> IdListCodec.decode(new byte[32 * (Limits.MAX_QUERY_IDS + 1)]))
                .hasMessageContaining("at most");
    }

    @Test
    void pointCommitsRoundTripCompactly() {
        PointCommit c = new PointCommit(1234, PointCommit.CRASH_CONSISTENT, manifest());
        byte[] wire = c.encode();
        assertThat(PointCommit.decode(wire)).isEqualTo(c);
        String json = new String(Zstd.decompress(wire, 1 << 20), StandardCharsets.UTF_8);
        assertThat(json).contains("\"" + BlockId.of("a".getBytes()).hex() + ":32768\"").contains("\"0:1\"")
                .startsWith("{\"bytesSent\":1234,\"consistency\":\"crash-consistent\",\"manifest\":{");
    }

    @Test
    void badCommitBodiesAreClearErrors() {
        assertThatThrownBy(() -> PointCommit.decode("{}".getBytes())).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("point commit");
        byte[] notACommit = Zstd.compress("{\"hello\":1}".getBytes(), 1);
        assertThatThrownBy(() -> PointCommit.decode(notACommit)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("unknown field \"hello\"");
        byte[] noManifest = Zstd.compress("{\"bytesSent\":1,\"consistency\":\"c\"}".getBytes(), 1);
        assertThatThrownBy(() -> PointCommit.decode(noManifest)).hasMessageContaining("\"manifest\" must be an object");
        byte[] badBlock = Zstd.compress(("{\"bytesSent\":1,\"consistency\":\"c\",\"manifest\":{\"formatVersion\":1,"
                + "\"source\":\"s\",\"kind\":\"IMAGE\",\"blockSize\":4096,\"entries\":[{\"path\":\"\",\"type\":\"FILE\","
                + "\"mode\":0,\"mtime\":0,\"size\":1,\"blocks\":[\"xyz:1\"]}]}}").getBytes(), 1);
        assertThatThrownBy(() -> PointCommit.decode(badBlock)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("xyz:1");
        byte[] bomb = Zstd.compress(new byte[64 << 20], 3);
        assertThat(bomb.length).isLessThan(1 << 20);
        assertThatThrownBy(() -> PointCommit.decode(bomb)).isInstanceOf(WireFormatException.class);
    }

    @Test
    void pathsAreBuiltAndEscaped() {
        assertThat(ReplicationPaths.of(ReplicationPaths.POINTS, "web 1")).isEqualTo("/v1/machines/web%201/points");
        assertThat(ReplicationPaths.of(ReplicationPaths.BLOCK, "m", "ab")).isEqualTo("/v1/machines/m/blocks/ab");
    }
}
