package io.lifeboat.vault.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.replication.protocol.ChunkedCommit;
import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.replication.protocol.ReplicationJson;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.ManifestHeader;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.RetentionTiming;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.backend.MemoryBackend;
import io.lifeboat.vault.api.MemoryBudget;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Commit bodies are parsed only within the vault's budget for commits ({@link CommitAdmission}): here
 * a budget of 8 MiB, 4 MiB for one machine, so that what a large vault's heap would take in its
 * stride is shown with small bodies.
 */
class CommitAdmissionTest {
    final Repository store = Repository.open(new MemoryBackend(), RepositoryOptions.defaults());
    final MemoryBudget budget = new MemoryBudget(8 << 20, 4 << 20);

    @AfterEach
    void close() {
        store.close();
    }

    private ReplicationRequests vault(long waitMillis) {
        return new ReplicationRequests(new ReplicationService(store, RetentionTiming.BEFORE_RETURN,
                new CommitAdmission(budget, waitMillis)));
    }

    private static JsonNode json(ReplicationRequests.Response r) throws Exception {
        return ReplicationJson.MAPPER.readTree(r.body());
    }

    /** A commit naming a chunk the vault never got: parsed, then refused 409 by the repository. */
    private static byte[] chunkedCommit() {
        return new ChunkedCommit(0, PointCommit.CRASH_CONSISTENT, new ManifestHeader("/dev/x", SourceKind.IMAGE, 32768),
                List.of("20261207T000000Z-" + "0".repeat(64))).encode();
    }

    @Test
    void aCommitWhoseTreeWouldPassOneMachinesShareIsRefusedTooLargeUnparsed() throws Exception {
        // 100,000 zeros: far under the token bound, but 100,000 x 72 bytes of tree is more than 4 MiB
        StringBuilder b = new StringBuilder("{\"parent\":\"p\",\"entries\":[0");
        b.append(",0".repeat(99_999)).append("]}");
        ReplicationRequests.Response r = vault(10_000).handle("POST", "/v1/machines/a/points", ReplicationRequestsTest.A,
                b.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(r.status()).isEqualTo(413);
        assertThat(json(r).get("error").asText()).isEqualTo("too_large");
        assertThat(json(r).get("message").asText()).contains("100007 tokens").contains("4 MiB one machine's commits may hold")
                .contains("send the manifest in chunks");
        assertThat(budget.used()).isZero();
        assertThat(store.points(Optional.of("a"))).isEmpty();
    }

    @Test
    void aCommitWaitsForRoomAndGoesOnOnceItComes() throws Exception {
        MemoryBudget.Grant other = budget.acquire("machine b", 4 << 20, () -> { });
        MemoryBudget.Grant third = budget.acquire("machine c", 4 << 20, () -> { });
        ReplicationRequests vault = vault(30_000);
        CompletableFuture<ReplicationRequests.Response> r = CompletableFuture.supplyAsync(
                () -> vault.handle("POST", "/v1/machines/a/points", ReplicationRequestsTest.A, chunkedCommit()));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (budget.waiting() == 0 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(budget.waiting()).isEqualTo(1);
        assertThat(r).isNotDone();
        other.release();
        third.release();
        ReplicationRequests.Response done = r.get(20, TimeUnit.SECONDS);
        assertThat(done.status()).isEqualTo(409); // parsed and judged: its chunk was never sent
        assertThat(json(done).get("error").asText()).isEqualTo("missing_chunks");
        assertThat(budget.used()).isZero();
    }

    @Test
    void aCommitThatWaitsTooLongIsRefusedBusyAndLeavesTheLine() throws Exception {
        MemoryBudget.Grant other = budget.acquire("machine b", 4 << 20, () -> { });
        MemoryBudget.Grant third = budget.acquire("machine c", 4 << 20, () -> { });
        ReplicationRequests.Response r = vault(100).handle("POST", "/v1/machines/a/points", ReplicationRequestsTest.A,
                chunkedCommit());
        assertThat(r.status()).isEqualTo(503);
        assertThat(json(r).get("error").asText()).isEqualTo("busy");
        assertThat(budget.waiting()).isZero();
        other.release();
        third.release();
        assertThat(budget.used()).isZero();
    }

    @Test
    void aWholeManifestCommitIsMeasuredInflatedAndGivesItsShareBack() throws Exception {
        byte[] whole = new PointCommit(0, PointCommit.CRASH_CONSISTENT,
                new Manifest(Manifest.FORMAT_VERSION, "/dev/x", SourceKind.IMAGE, 32768, List.of())).encode();
        assertThat(PointCommit.cost(whole).bytes()).isGreaterThan(whole.length); // inflated, not the frame
        ReplicationRequests.Response r = vault(10_000).handle("POST", "/v1/machines/a/points", ReplicationRequestsTest.A, whole);
        assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isIn(200, 400);
        assertThat(budget.used()).isZero();
    }
}
