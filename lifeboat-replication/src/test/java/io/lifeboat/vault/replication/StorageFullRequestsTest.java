package io.lifeboat.vault.replication;

import static io.lifeboat.vault.replication.ReplicationRequestsTest.A;
import static io.lifeboat.vault.replication.ReplicationRequestsTest.block;
import static io.lifeboat.vault.replication.ReplicationRequestsTest.fileManifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.replication.protocol.ReplicationJson;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.RetentionPolicy;
import io.lifeboat.repository.StoragePolicy;
import io.lifeboat.repository.backend.LocalBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Below the free-space reserve the API refuses new blocks with 507 and still commits points of stored ones. */
class StorageFullRequestsTest {
    @TempDir
    Path dir;

    @Test
    void belowTheReserveUploadsAre507AndCommitsOfStoredBlocksWork() throws Exception {
        AtomicLong reserve = new AtomicLong(0);
        RepositoryOptions options = RepositoryOptions.defaults().withPolicy(() -> new StoragePolicy(
                RetentionPolicy.DEFAULT, Map.of(), Duration.ofHours(24), reserve.get()));
        try (Repository repo = Repository.open(new LocalBackend(dir), options)) {
            ReplicationRequests vault = new ReplicationRequests(new ReplicationService(repo));
            EncodedBlock stored = block(1);
            assertThat(vault.handle("POST", "/v1/machines/a/blocks", A, BlockBatchCodec.encode(List.of(stored))).status())
                    .isEqualTo(200);

            reserve.set(Long.MAX_VALUE / 2); // the operator's reserve is now more than the disk has free
            ReplicationRequests.Response refused = vault.handle("POST", "/v1/machines/a/blocks", A,
                    BlockBatchCodec.encode(List.of(block(2))));
            assertThat(refused.status()).isEqualTo(507);
            var body = ReplicationJson.MAPPER.readTree(refused.body());
            assertThat(body.get("error").asText()).isEqualTo("insufficient_storage");
            assertThat(body.get("message").asText()).contains("in reserve").contains("nothing stored was lost");

            byte[] commit = new PointCommit(0, PointCommit.CRASH_CONSISTENT,
                    fileManifest(List.of(new BlockRef(stored.id(), 4096)))).encode();
            assertThat(vault.handle("POST", "/v1/machines/a/points", A, commit).status()).isEqualTo(200);
            assertThat(repo.points(java.util.Optional.of("a"))).hasSize(1);
        }
    }
}
