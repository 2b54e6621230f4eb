package io.lifeboat.vault.replication;

import static io.lifeboat.vault.replication.ReplicationRequestsTest.A;
import static io.lifeboat.vault.replication.ReplicationRequestsTest.block;
import static io.lifeboat.vault.replication.ReplicationRequestsTest.fileManifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.MemoryBackend;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A machine's certificate cannot delete: no request of the replication API removes a point or a block. */
class NoRequestDeletesTest {
    @Test
    void deleteAndOtherMethodsOnPointsAndBlocksChangeNothing() {
        try (Repository repo = Repository.open(new MemoryBackend(), RepositoryOptions.defaults())) {
            ReplicationRequests vault = new ReplicationRequests(new ReplicationService(repo));
            EncodedBlock b = block(7);
            assertThat(vault.handle("POST", "/v1/machines/a/blocks", A, BlockBatchCodec.encode(List.of(b))).status())
                    .isEqualTo(200);
            byte[] commit = new PointCommit(0, PointCommit.CRASH_CONSISTENT,
                    fileManifest(List.of(new BlockRef(b.id(), 4096)))).encode();
            assertThat(vault.handle("POST", "/v1/machines/a/points", A, commit).status()).isEqualTo(200);
            PointInfo p = repo.point("a", "latest");
            for (String method : List.of("DELETE", "PUT", "PATCH", "POST")) {
                for (String path : List.of("/v1/machines/a/points/" + p.id(), "/v1/machines/a/blocks/" + b.id().hex(),
                        "/v1/machines/a/points", "/v1/machines/a")) {
                    if (method.equals("POST") && path.endsWith("/points")) {
                        continue; // the commit itself
                    }
                    int status = vault.handle(method, path, A, new byte[0]).status();
                    assertThat(status).as(method + " " + path).isIn(400, 404);
                }
            }
            assertThat(repo.points(Optional.of("a"))).containsExactly(p);
            assertThat(repo.missing("a", List.of(b.id()))).isEmpty();
        }
    }
}
