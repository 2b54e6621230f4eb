package io.lifeboat.replication.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The vault parses a machine's JSON with a bound on its tokens: a body at the bound is parsed, one
 * token past it is refused as too large (not as malformed), and so is one nested past the parser's
 * depth. Small bounds here; {@code CommitTokenBoundTest} sends a body past the real one.
 */
class JsonTokenBoundTest {
    private static final ObjectMapper TEN = ReplicationJson.boundedMapper(10);

    @Test
    void aBodyOfExactlyTheBoundIsParsedAndOneTokenMoreIsTooLarge() {
        // [ 0 x8 ] is 10 tokens
        assertThat(ReplicationJson.boundedTree(TEN, bytes("[0,0,0,0,0,0,0,0]"), "point commit").size()).isEqualTo(8);
        assertThatThrownBy(() -> ReplicationJson.boundedTree(TEN, bytes("[0,0,0,0,0,0,0,0,0]"), "point commit"))
                .isInstanceOf(BodyTooLargeException.class)
                .hasMessageStartingWith("point commit: more JSON than one body may hold")
                .hasMessageContaining("10");
    }

    @Test
    void malformedJsonWithinTheBoundIsStillBadNotTooLarge() {
        assertThatThrownBy(() -> ReplicationJson.boundedTree(TEN, bytes("[0,0"), "point commit"))
                .isExactlyInstanceOf(WireFormatException.class).hasMessageStartingWith("point commit: not JSON");
    }

    @Test
    void nestingPastTheParsersDepthIsTooLarge() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> ReplicationJson.commitTree(bytes(deep), "point commit"))
                .isInstanceOf(BodyTooLargeException.class).hasMessageContaining("nesting depth");
    }

    @Test
    void aWholeManifestCommitPastItsBoundIsTooLarge() {
        byte[] body = Zstd.compress(bytes("{\"bytesSent\":0,\"consistency\":\"c\",\"manifest\":[0,0,0,0,0,0,0]}"), 1);
        assertThatThrownBy(() -> PointCommit.decode(body, TEN)).isInstanceOf(BodyTooLargeException.class)
                .hasMessageStartingWith("point commit: more JSON than one body may hold");
        assertThat(PointCommit.MAX_WHOLE_TOKENS).isGreaterThan(ReplicationJson.MAX_COMMIT_TOKENS);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
