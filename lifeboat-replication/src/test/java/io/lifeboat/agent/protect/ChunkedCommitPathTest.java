package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.replication.protocol.ChunkedCommit;
import io.lifeboat.replication.protocol.ReplicationPaths;
import io.lifeboat.repository.PointInfo;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The agent's commit: the manifest goes as chunks, then one small commit names them; a chunk request
 * cut by the link is retried, and the point records every byte sent for it, chunks included.
 */
class ChunkedCommitPathTest extends ProtectorHarness {
    @Test
    void aSparseImageIsCommittedAsChunksAndASmallCommitEvenAcrossACutLink() throws Exception {
        Path img = tmp.resolve("sparse.img");
        Random r = new Random(3);
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(1L << 30); // 1 GiB, nearly all hole
            for (int i = 0; i < 20; i++) {
                byte[] d = new byte[5000];
                r.nextBytes(d);
                f.seek((long) r.nextInt(1 << 30) & ~4095L);
                f.write(d);
            }
        }
        AtomicInteger cuts = new AtomicInteger();
        transport.cutWhen(req -> req.path().endsWith("/manifest-chunks") && cuts.getAndIncrement() == 0);
        StopSignal stop = new StopSignal();
        HttpVaultApi api = new HttpVaultApi(transport, M, FAST, ProtectListener.NONE, stop);
        ProtectResult result = new Protector(api, ProtectOptions.defaults().withRetry(FAST), ProtectListener.NONE, stop,
                KnownBlocksStore.none()).protect(img);

        List<VaultTransport.Request> log = transport.log();
        VaultTransport.Request commit = log.get(log.size() - 1);
        assertThat(commit.path()).endsWith("/points");
        assertThat(log.get(log.size() - 2).path()).as("the chunk comes right before the commit").endsWith("/manifest-chunks");
        assertThat(cuts.get()).as("the first chunk request was cut, then retried").isGreaterThanOrEqualTo(2);
        ChunkedCommit c = ChunkedCommit.decode(commit.body());
        assertThat(c.chunks()).hasSize(1);
        assertThat(commit.body().length).as("a commit names chunks, it does not carry them").isLessThan(400);
        long requestBytes = log.stream().mapToLong(q -> q.body().length).sum();
        PointInfo p = result.point();
        assertThat(p.bytesSent()).as("every request body of the pass, chunks and commit included").isEqualTo(requestBytes);
        assertThat(p.sourceBytes()).isEqualTo(1L << 30);
        assertThat(store.manifest(M, p.id()).entries().get(0).blocks()).hasSize((1 << 30) / ProtectOptions.defaults().blockSize());
        assertThat(ReplicationPaths.of(ReplicationPaths.CHUNKS, M)).isEqualTo("/v1/machines/" + M + "/manifest-chunks");
    }
}
