package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import io.lifeboat.agent.snapshot.SnapshotProvider;
import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.BlockSealer;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.IdListCodec;
import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.SourceKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw blocks stay in the buffers they were read into until their batch was sent (the transport
 * takes the batch as views of them), so a buffer must not be read into again while a batch that
 * carries one of its blocks is being sent, or may be sent again. Here the vault is
 * slow (each body is read, then read again after a pause in which the reader reads on) and cuts the
 * first attempt of every batch, and the pool keeps only two slices: every attempt of every batch
 * must carry the same bytes, and those the blocks' ids name.
 */
class HeldBlocksInFlightTest {
    private static final int BS = 4096;

    @TempDir
    Path tmp;

    /** Answers "all lacking"; takes each batch on its second attempt, checking what it carries. */
    private static final class SlowCuttingVault implements VaultTransport {
        final Map<String, byte[]> firstAttempts = new ConcurrentHashMap<>();
        final Set<BlockId> stored = ConcurrentHashMap.newKeySet();
        final AtomicInteger changedWhileSent = new AtomicInteger();
        final AtomicInteger retriedWithOtherBytes = new AtomicInteger();
        final AtomicInteger wrongBodies = new AtomicInteger();

        @Override
        public Reply send(Request request) {
            List<BlockId> asked = IdListCodec.decode(request.body());
            return new Reply(200, "application/octet-stream", IdListCodec.encode(asked), "TLSv1.3", "x");
        }

        @Override
        public Reply post(String path, String contentType, List<ByteBuffer> body) throws IOException {
            byte[] first = VaultTransport.join(body);
            try {
                Thread.sleep(15); // the reader reads on meanwhile, into whatever buffers the pool hands out
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            if (!Arrays.equals(first, VaultTransport.join(body))) {
                changedWhileSent.incrementAndGet();
            }
            String batch = BlockBatchCodec.decode(first).get(0).id().toString();
            byte[] before = firstAttempts.putIfAbsent(batch, first);
            if (before == null) {
                throw new IOException("connection reset (injected, first attempt)");
            }
            if (!Arrays.equals(before, first)) {
                retriedWithOtherBytes.incrementAndGet();
            }
            for (EncodedBlock b : BlockBatchCodec.decode(first)) {
                byte[] body1 = Arrays.copyOfRange(b.data(), b.offset(), b.offset() + b.length());
                byte[] raw = b.encoding() == BlockEncoding.RAW ? body1 : Zstd.decompress(body1, b.rawLength());
                if (!BlockId.of(raw).equals(b.id())) {
                    wrongBodies.incrementAndGet();
                }
                stored.add(b.id());
            }
            return new Reply(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8), "TLSv1.3", "x");
        }
    }

    @Test
    void aBufferIsNotReadIntoWhileABatchThatCarriesItIsSentOrMayBeRetried() throws Exception {
        byte[] image = new byte[600 * BS + 1234];
        new Random(5).nextBytes(image);
        byte[] text = "2026-12-06T05:00:00Z web-1 GET /orders/12345 200 17ms\n".repeat(2000)
                .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, image, 100 * BS, text.length); // compressible blocks among the raw ones
        Path file = Files.write(tmp.resolve("disk.img"), image);

        SlowCuttingVault transport = new SlowCuttingVault();
        RetryPolicy fast = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(60));
        ProtectOptions options = new ProtectOptions(BS, 100, 64 << 10, BlockSealer.DEFAULT_LEVEL, fast,
                SnapshotProvider.NONE);
        HttpVaultApi vault = new HttpVaultApi(transport, "web-1", fast, ProtectListener.NONE, new StopSignal());
        BlockBuffers buffers = new BlockBuffers(BS, 32); // two slices kept: buffers are read into again soon
        SourceReader reader = new SourceReader(BS, ProtectListener.NONE, new StopSignal(), buffers, KnownBlocks.NONE,
                new BlockFingerprint(new FingerprintKey(1)));
        try (Uploader up = new Uploader(vault, options, ProtectListener.NONE, new StopSignal())) {
            reader.read(file, "disk.img", SourceKind.IMAGE, up);
            up.finish();
        }

        Set<BlockId> expected = new HashSet<>();
        for (int at = 0; at < image.length; at += BS) {
            expected.add(BlockId.of(image, at, Math.min(BS, image.length - at)));
        }
        assertThat(transport.firstAttempts).as("batches, each cut once").hasSizeGreaterThan(10);
        assertThat(transport.changedWhileSent).as("bodies changed while being sent").hasValue(0);
        assertThat(transport.retriedWithOtherBytes).as("retries that sent other bytes").hasValue(0);
        assertThat(transport.wrongBodies).as("bodies that are not what their id names").hasValue(0);
        assertThat(transport.stored).isEqualTo(expected);
    }
}
