package io.lifeboat.agent.protect;

import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.IdListCodec;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.MemoryBackend;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the protector's tests share: a repository in memory behind an in-process transport, a
 * protect call with fast retries, and the counts and restores the tests check a pass by.
 */
abstract class ProtectorHarness {
    static final String M = "web-1";
    static final FingerprintKey KEY = new FingerprintKey(0x5eed);
    static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(300));

    @TempDir
    Path tmp;

    final Repository store = Repository.open(new MemoryBackend(), RepositoryOptions.defaults());
    final InProcessTransport transport = new InProcessTransport(store, M);

    @AfterEach
    void close() {
        store.close();
    }

    List<PointInfo> points() {
        return store.points(Optional.of(M));
    }

    /** Blocks sent over all upload requests so far. */
    int blocksUploaded() {
        return transport.log().stream().filter(r -> r.path().endsWith("/blocks"))
                .mapToInt(r -> BlockBatchCodec.decode(r.body()).size()).sum();
    }

    static List<BlockId> ids(byte[] data, int blockSize) {
        List<BlockId> ids = new ArrayList<>();
        for (int at = 0; at < data.length; at += blockSize) {
            ids.add(BlockId.of(data, at, Math.min(blockSize, data.length - at)));
        }
        return ids;
    }

    ProtectResult protect(Path source, ProtectListener listener) {
        return protect(transport, source, listener, KnownBlocksStore.none());
    }

    static ProtectResult protect(VaultTransport to, Path source, ProtectListener listener, KnownBlocksStore records) {
        StopSignal stop = new StopSignal();
        HttpVaultApi api = new HttpVaultApi(to, M, FAST, listener, stop);
        return new Protector(api, ProtectOptions.defaults().withRetry(FAST), listener, stop, records).protect(source);
    }

    /** Ids asked about in "which do you lack?" queries so far. */
    int idsAskedAbout() {
        return transport.log().stream().filter(r -> r.path().endsWith("/blocks/missing"))
                .mapToInt(r -> IdListCodec.decode(r.body()).size()).sum();
    }

    /** Collects {@link ProtectListener#notice} messages. */
    static final class Notices implements ProtectListener {
        final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void notice(String message) {
            messages.add(message);
        }
    }

    Manifest manifestOf(ProtectResult r) {
        return store.manifest(M, r.point().id());
    }

    byte[] restore(Entry e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (BlockRef b : e.blocks()) {
            out.writeBytes(b.isZero() ? new byte[b.length()] : store.readBlock(M, b.id()));
        }
        return out.toByteArray();
    }

    static byte[] image(int size, long seed) {
        byte[] data = new byte[size];
        byte[] half = new byte[size / 2];
        new Random(seed).nextBytes(half);
        System.arraycopy(half, 0, data, 0, half.length);
        return data;
    }
}
