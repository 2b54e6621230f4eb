package io.lifeboat.vault.replication;

import io.lifeboat.replication.protocol.BlockBatchParser;
import io.lifeboat.replication.protocol.WireFormatException;
import io.lifeboat.repository.BlockReceiver;
import io.lifeboat.repository.Repository;
import io.lifeboat.vault.replication.ReplicationRequests.Response;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One block upload ({@code POST /v1/machines/{m}/blocks}) read as it arrives. The event loop only
 * queues the request's buffers (no copy, no hashing); one task at a time on a worker thread takes
 * them in order, feeds them to the {@link BlockBatchParser}, which copies each needed body once into
 * the pack the {@link BlockReceiver} lays out, and the receiver hashes, checks and stores a pack at
 * a time. When more than {@link #PAUSE_BYTES} wait in the queue the request is paused (TCP
 * back-pressure to the agent) until the worker has caught up to {@link #RESUME_BYTES}.
 *
 * <p>Errors answer as before: a malformed or truncated batch {@code 400 bad_request} naming the block
 * and offset, a block whose bytes do not hash to its id {@code 422 integrity}, a full disk {@code
 * 507}. After an error the rest of the body is read and dropped (no copy) so the answer can be
 * sent on the same connection; a body past the vault's limit is cut off with {@code 413}.
 */
final class StreamedUpload {
    private static final Logger LOG = LoggerFactory.getLogger(StreamedUpload.class);
    static final long PAUSE_BYTES = 8L << 20;
    static final long RESUME_BYTES = 2L << 20;
    /** Bytes queued before a worker is woken to parse them (the end wakes it whatever is queued). */
    static final long DISPATCH_BYTES = 1L << 20;
    private static final Object END = new Object();

    private final RoutingContext ctx;
    private final HttpServerRequest request;
    private final Context context;
    private final String machine;
    private final long limit;
    private final BlockReceiver receiver;
    private final BlockBatchParser parser;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger work = new AtomicInteger();
    private final AtomicLong queued = new AtomicLong();
    private volatile boolean paused;
    /** Bytes queued since the last wake-up (event loop only). */
    private long unsignalled;
    private volatile boolean gone;
    /** Set once the upload failed: the answer to send when the body ends (worker thread only). */
    private Response failure;
    private long total;
    private boolean ended;

    private StreamedUpload(RoutingContext ctx, Repository repository, String machine, long limit, long declared) {
        this.ctx = ctx;
        this.request = ctx.request();
        this.context = ctx.vertx().getOrCreateContext();
        this.machine = machine;
        this.limit = limit;
        this.receiver = repository.receiver(machine, declared);
        this.parser = new BlockBatchParser(ReplicationService.sink(receiver));
    }

    /**
     * Starts reading the upload of {@code ctx} (on the event loop, the request still paused by the
     * body handler). {@code limit} is the vault's body limit.
     */
    static void start(RoutingContext ctx, Repository repository, String machine, long limit) {
        long declared = declaredLength(ctx.request());
        if (declared > limit) { // refused before a byte is read; the connection is not reused
            ctx.response().putHeader("Connection", "close");
            ReplicationRoutes.send(ctx, Response.error(400, "bad_request", "block batch: " + declared
                    + " bytes, at most " + limit));
            return;
        }
        StreamedUpload up;
        try {
            up = new StreamedUpload(ctx, repository, machine, limit, declared);
        } catch (RuntimeException e) {
            ReplicationRoutes.send(ctx, ReplicationRequests.Response.error(500, "internal", "vault error: " + e.getMessage()));
            return;
        }
        up.read();
    }

    private static long declaredLength(HttpServerRequest r) {
        try {
            String header = r.getHeader("Content-Length");
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void read() {
        if (request.version() == io.vertx.core.http.HttpVersion.HTTP_1_1
                && "100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            ctx.response().writeContinue();
        }
        request.handler(this::offer);
        request.endHandler(v -> offer(END));
        request.exceptionHandler(e -> { // the client went away: drop what is open, answer nobody
            gone = true;
            offer(END);
        });
        request.resume();
    }

    /**
     * Event loop: queue a buffer (or the end) and, once a batch's worth has gathered since the last
     * signal (or at the end), make sure a worker task is draining. Signalling per buffer (Vert.x hands
     * over at most 64 KiB at a time, {@code VaultServer.BODY_PIECE}) cost a thread hand-off per
     * buffer, more CPU than the parsing itself;
     * a drain under way takes whatever is queued, signalled or not.
     */
    private void offer(Object item) {
        queue.add(item);
        if (item instanceof Buffer b) {
            if (queued.addAndGet(b.length()) > PAUSE_BYTES && !paused) {
                paused = true;
                request.pause();
            }
            unsignalled += b.length();
            if (unsignalled < DISPATCH_BYTES) {
                return;
            }
        }
        unsignalled = 0;
        if (work.getAndIncrement() == 0) {
            context.executeBlocking(() -> {
                drain();
                return null;
            }, false);
        }
    }

    /** Worker: takes every queued item in order; only one drain runs at a time. */
    private void drain() {
        int missed = 1;
        while (true) {
            Object item;
            while ((item = queue.poll()) != null) {
                if (item == END) {
                    end();
                } else {
                    Buffer b = (Buffer) item;
                    take(b);
                    if (queued.addAndGet(-b.length()) <= RESUME_BYTES && paused) {
                        paused = false;
                        context.runOnContext(v -> request.resume());
                    }
                }
            }
            missed = work.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void take(Buffer b) {
        total += b.length();
        if (failure != null) {
            if (total > limit) { // a failed upload that keeps sending: stop reading it
                gone = true;
                context.runOnContext(v -> ctx.fail(413));
            }
            return;
        }
        try {
            parser.feed(bytes(b));
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void end() {
        if (ended) { // an end after a reset: answered (or dropped) once already
            return;
        }
        ended = true;
        if (gone) {
            receiver.close();
            return;
        }
        Response r = failure;
        if (r == null) {
            try {
                parser.end();
                BlockReceiver.Receipt receipt = receiver.finish();
                r = Response.json(200, new ReplicationService.UploadReceipt(receipt.stored(), receipt.present()));
            } catch (RuntimeException e) {
                fail(e);
                r = failure;
            }
        }
        receiver.close();
        Response answer = r;
        context.runOnContext(v -> ReplicationRoutes.send(ctx, answer));
    }

    private void fail(RuntimeException e) {
        receiver.close();
        RuntimeException refusal = ReplicationService.uploadRefusal(e);
        if (refusal instanceof ReplicationException r) {
            failure = Response.error(r.status(), r.code(), r.getMessage());
        } else if (refusal instanceof WireFormatException) {
            failure = Response.error(400, "bad_request", e.getMessage());
        } else {
            LOG.error("upload of blocks of machine {} failed", machine, e);
            failure = Response.error(500, "internal", "vault error: " + e.getMessage());
        }
    }

    /** The buffer's bytes as a view (Vert.x hands each received chunk over in a heap buffer of its own). */
    private static ByteBuffer bytes(Buffer b) {
        if (b instanceof BufferInternal internal) {
            return internal.getByteBuf().nioBuffer();
        }
        return ByteBuffer.wrap(b.getBytes());
    }
}
