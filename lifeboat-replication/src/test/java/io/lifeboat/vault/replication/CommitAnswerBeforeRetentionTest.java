package io.lifeboat.vault.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.protect.HttpVaultApi;
import io.lifeboat.agent.protect.ProtectListener;
import io.lifeboat.agent.protect.RetryPolicy;
import io.lifeboat.agent.protect.StopSignal;
import io.lifeboat.agent.protect.VaultClientTransport;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.repository.BlockUpload;
import io.lifeboat.repository.Fixtures;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.StoragePolicy;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.vault.TestVault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault's commit route over HTTPS on loopback answers once the point is durable, before its
 * retention runs (here held until the test lets it go), and retention runs after the answers.
 */
class CommitAnswerBeforeRetentionTest {
    static final int BS = 4096;

    @TempDir
    Path dir;

    @Test
    void theVaultAnswersACommitBeforeItsRetentionRunsAndPrunesAfter() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        StoragePolicy keepOne = RepositoryOptions.defaults().withKeepNewest(1).policy().get();
        RepositoryOptions options = RepositoryOptions.defaults().withPolicy(() -> {
            if (Thread.currentThread().getName().equals("lifeboat-retention")) {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return keepOne;
        });
        ReplicationRoutes routes = new ReplicationRoutes(ctx -> Repository.open(new LocalBackend(ctx.layout().repo()), options));
        try (routes; TestVault vault = new TestVault(dir, TlsEngine.select("auto"), routes)) {
            AgentLayout agent = vault.enrolled("web-1");
            List<String> answered = new ArrayList<>();
            try (VaultClientTransport transport = VaultClientTransport.open(agent, TlsEngine.select("auto"))) {
                HttpVaultApi api = new HttpVaultApi(transport, "web-1", RetryPolicy.defaults(), new ProtectListener() {
                }, new StopSignal());
                for (int v = 0; v < 3; v++) {
                    Fixtures.Cut cut = Fixtures.cutImage(Fixtures.random(10 + v, 8 * BS), BS, SourceKind.IMAGE);
                    List<EncodedBlock> blocks = new ArrayList<>();
                    for (BlockUpload u : cut.uploadList()) {
                        blocks.add(new EncodedBlock(u.id(), u.encoding(), u.length(), u.data(), u.offset(), u.length()));
                    }
                    api.upload(blocks);
                    PointInfo p = api.commit(new PointCommit(0, "crash-consistent", cut.manifest()));
                    answered.add(p.id());
                    // answered, and listed: a durable point, though retention of the one before has not run
                    assertThat(api.points().stream().map(PointInfo::id).toList()).containsExactlyElementsOf(answered);
                }
                gate.countDown();
                Repository repo = routes.repository();
                assertThat(repo.awaitRetention(Duration.ofSeconds(30))).isTrue();
                assertThat(api.points().stream().map(PointInfo::id).toList()).containsExactly(answered.get(2));
                assertThat(repo.verify(Optional.empty()).ok()).isTrue();
            }
        }
    }
}
