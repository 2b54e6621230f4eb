package io.lifeboat.vault.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.replication.protocol.ReplicationJson;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A commit body within the byte limit whose JSON has more tokens than the vault parses in one body
 * is refused {@code 413 too_large} as the parse reaches the bound, before its tree is built: a body
 * of 64 MiB of empty objects would otherwise take 1.7 GB of the vault's heap. The body here is an
 * array of zeros (small JSON nodes the parser shares), one token past the bound; the bound's edge
 * and the whole-manifest form's own bound are {@code JsonTokenBoundTest}'s, with smaller bounds.
 */
class CommitTokenBoundTest {
    final Repository store = Repository.open(new MemoryBackend(), RepositoryOptions.defaults());
    final ReplicationRequests vault = new ReplicationRequests(new ReplicationService(store));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aDeltaCommitOfTooManyTokensIsAnsweredTooLargeAndStoresNothing() throws Exception {
        // {"parent":"p","entries":[0,0,...]}: 5 tokens, then the array's
        byte[] body = zeros("{\"parent\":\"p\",\"entries\":[", ReplicationJson.MAX_COMMIT_TOKENS - 5, "]}");
        ReplicationRequests.Response r = vault.handle("POST", "/v1/machines/a/points", ReplicationRequestsTest.A, body);
        assertThat(r.status()).isEqualTo(413);
        assertThat(ReplicationJson.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("too_large");
        assertThat(ReplicationJson.MAPPER.readTree(r.body()).get("message").asText())
                .startsWith("point commit: more JSON than one body may hold").contains("Token count");
        assertThat(store.points(Optional.of("a"))).isEmpty();
    }

    /** {@code head}, then {@code count} zeros separated by commas, then {@code tail}. */
    private static byte[] zeros(String head, long count, String tail) {
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] t = tail.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[Math.toIntExact(h.length + 2 * count - 1 + t.length)];
        System.arraycopy(h, 0, out, 0, h.length);
        Arrays.fill(out, h.length, out.length - t.length, (byte) ',');
        for (int i = h.length; i < out.length - t.length; i += 2) {
            out[i] = '0';
        }
        System.arraycopy(t, 0, out, out.length - t.length, t.length);
        return out;
    }
}
