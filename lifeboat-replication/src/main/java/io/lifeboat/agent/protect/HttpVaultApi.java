package io.lifeboat.agent.protect;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.ChunkedCommit;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.IdListCodec;
import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.replication.protocol.PointDelta;
import io.lifeboat.replication.protocol.ReplicationJson;
import io.lifeboat.replication.protocol.ReplicationPaths;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.ManifestChunker;
import io.lifeboat.repository.ManifestHeader;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link VaultApi} over HTTPS: encodes each request (see {@code docs/protocol.md}), retries with
 * back-off while the vault is unreachable or answers 5xx, and turns every other error answer into
 * a {@link VaultRequestException} carrying the vault's one-line reason. Every request here is
 * idempotent except the commit, whose retry after a cut link may record the same point twice
 * (harmless: same blocks, same content), and a manifest chunk, whose retry may store it twice (the
 * copy no commit names is collected by the vault's retention).
 */
public final class HttpVaultApi implements VaultApi {
    private final VaultTransport transport;
    private final String machine;
    private final RetryPolicy retry;
    private final ProtectListener listener;
    private final StopSignal stop;
    private final AtomicLong sent = new AtomicLong();

    public HttpVaultApi(VaultTransport transport, String machine, RetryPolicy retry, ProtectListener listener,
            StopSignal stop) {
        this.transport = transport;
        this.machine = machine;
        this.retry = retry;
        this.listener = listener;
        this.stop = stop;
    }

    @Override
    public Set<BlockId> missing(List<BlockId> ids) {
        byte[] body = IdListCodec.encode(ids);
        VaultTransport.Reply reply = exchange("missing-blocks query",
                VaultTransport.Request.post(ReplicationPaths.of(ReplicationPaths.MISSING, machine),
                        ReplicationPaths.OCTETS, body));
        return new HashSet<>(IdListCodec.decode(reply.body()));
    }

    /**
     * The batch goes as views of the blocks where they lie ({@link BlockBatchCodec#encodeViews}): the
     * agent's transport writes them without first copying every block into one 16 MiB body.
     */
    @Override
    public void upload(List<EncodedBlock> blocks) {
        List<ByteBuffer> body = BlockBatchCodec.encodeViews(blocks);
        String path = ReplicationPaths.of(ReplicationPaths.BLOCKS, machine);
        exchange("block upload", VaultTransport.length(body), () -> transport.post(path, ReplicationPaths.OCTETS, body));
    }

    /**
     * Sends the manifest as chunks, each as soon as it is cut (so no request, and no buffer, grows
     * with the source), then a small commit naming them. A chunk is checked and stored by the vault
     * as it arrives but belongs to no point until the commit; a pass cut off in between leaves
     * chunks the vault collects later.
     */
    @Override
    public PointInfo commit(PointCommit commit) {
        List<String> chunks = new ArrayList<>();
        long before = sent.get();
        ManifestChunker.write(commit.manifest(), stored -> {
            VaultTransport.Reply reply = exchange("manifest chunk " + (chunks.size() + 1),
                    VaultTransport.Request.post(ReplicationPaths.of(ReplicationPaths.CHUNKS, machine),
                            ReplicationPaths.OCTETS, stored));
            chunks.add(json(() -> ReplicationJson.chunkName(reply.body())));
        });
        ChunkedCommit c = new ChunkedCommit(commit.bytesSent() + sent.get() - before, commit.consistency(),
                ManifestHeader.of(commit.manifest()), chunks);
        VaultTransport.Reply reply = exchange("point commit",
                VaultTransport.Request.post(ReplicationPaths.of(ReplicationPaths.POINTS, machine),
                        ReplicationPaths.CHUNKED_COMMIT, c.encode()));
        return json(() -> ReplicationJson.point(reply.body()));
    }

    /**
     * Sends the point as a delta of its parent; empty when the vault cannot build it from that parent
     * ({@code 409 unknown_parent}: pruned or unknown; {@code 409 delta_mismatch}; {@code 400
     * bad_manifest}, a delta its parent does not satisfy; {@code 413 too_large}, a delta larger than the
     * vault takes in one body), so the caller commits the whole manifest.
     * Every other refusal is thrown as for a whole commit.
     */
    @Override
    public Optional<PointInfo> commitDelta(PointDelta delta) {
        try {
            VaultTransport.Reply reply = exchange("point commit (delta)",
                    VaultTransport.Request.post(ReplicationPaths.of(ReplicationPaths.POINTS, machine),
                            ReplicationPaths.DELTA_COMMIT, delta.encode()));
            return Optional.of(json(() -> ReplicationJson.point(reply.body())));
        } catch (VaultRequestException e) {
            // bad_manifest too: the whole manifest is then judged on its own, and a delta is never the reason a pass fails
            // too_large: a delta past the vault's body limit (a tenth of a huge tree's entries); chunks always fit
            if (e.status() == 409 && (e.error().equals("unknown_parent") || e.error().equals("delta_mismatch"))
                    || e.status() == 400 && e.error().equals("bad_manifest")
                    || e.status() == 413 && e.error().equals("too_large")) {
                listener.notice("the vault cannot build this point from its parent (" + e.error() + ": "
                        + e.getMessage() + "): sending the whole manifest");
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<PointInfo> points() {
        VaultTransport.Reply reply = exchange("point list",
                VaultTransport.Request.get(ReplicationPaths.of(ReplicationPaths.POINTS, machine)));
        return json(() -> ReplicationJson.points(reply.body()));
    }

    @Override
    public long bytesSent() {
        return sent.get();
    }

    private VaultTransport.Reply exchange(String what, VaultTransport.Request request) {
        return exchange(what, request.body().length, () -> transport.send(request));
    }

    /** One request as the transport sends it; may be called again for a retry. */
    @FunctionalInterface
    private interface Call {
        VaultTransport.Reply send() throws IOException;
    }

    private VaultTransport.Reply exchange(String what, long bodyBytes, Call call) {
        long firstFailure = 0;
        for (int attempt = 1; ; attempt++) {
            stop.check();
            Exception failure;
            try {
                VaultTransport.Reply reply = call.send();
                if (reply.ok()) {
                    sent.addAndGet(bodyBytes);
                    return reply;
                }
                if (reply.status() < 500) {
                    throw new VaultRequestException(reply.status(), errorCode(reply), "vault refused the " + what
                            + " (HTTP " + reply.status() + "): " + reason(reply));
                }
                failure = new IOException("HTTP " + reply.status() + ": " + reason(reply));
            } catch (IOException e) {
                failure = e;
            }
            long now = System.nanoTime();
            firstFailure = attempt == 1 ? now : firstFailure;
            Duration delay = retry.delay(attempt);
            if (Duration.ofNanos(now - firstFailure).plus(delay).compareTo(retry.giveUpAfter()) > 0) {
                throw transport.explain(new LifeboatException(LifeboatException.Kind.UNREACHABLE,
                        "vault unreachable: " + what + " failed " + attempt + " times over "
                        + Duration.ofNanos(now - firstFailure).toSeconds() + "s, last: " + failure.getMessage(),
                        failure));
            }
            listener.retrying(what, attempt, delay, failure);
            sleep(delay);
        }
    }

    private void sleep(Duration delay) {
        try {
            if (stop.await(delay)) {
                throw new ProtectCancelledException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtectCancelledException();
        }
    }

    /** The vault's error text: "message" (else "error") of a JSON error body, else the body as text. */
    static String reason(VaultTransport.Reply reply) {
        String text = new String(reply.body(), StandardCharsets.UTF_8).strip();
        try {
            JsonNode node = ReplicationJson.MAPPER.readTree(text);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
            if (node != null && node.hasNonNull("error")) {
                return node.get("error").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: use the text
        }
        return text.isEmpty() ? "(no reason given)" : text.lines().findFirst().orElse(text);
    }

    /** The vault's error code ("error" of a JSON error body), "" when there is none. */
    static String errorCode(VaultTransport.Reply reply) {
        try {
            JsonNode node = ReplicationJson.MAPPER.readTree(reply.body());
            return node != null && node.hasNonNull("error") ? node.get("error").asText() : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static <T> T json(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (LifeboatException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "the vault answered with unreadable JSON: "
                    + e.getMessage(), e);
        }
    }
}
