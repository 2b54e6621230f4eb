package io.lifeboat.vault.api;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;

/**
 * The vault's request body handler: collects the whole body into one byte array, no larger than a
 * limit, before the route runs; routes read it with {@link #bytes}.
 *
 * <p>Why not Vert.x's {@code BodyHandler}: it grows its buffer by doubling (it preallocates at most
 * 64 KiB whatever Content-Length says) and hands out a buffer that routes copy again to get bytes.
 * For a 16 MiB block batch that was about three copies and 32 MiB of cleared memory per request,
 * a noticeable part of the vault's CPU. Here the array is sized once from Content-Length (a body
 * without one grows as it arrives) and given to the route as is.
 *
 * <p>One kind of request is not gathered: a block upload ({@code POST /v1/machines/{m}/blocks},
 * {@link #isStreamed}), whose route parses the body as it arrives. Its request stays paused here
 * until its share of the budget below is granted (an upload holds up to its whole body in packs
 * until its end), and {@link #bytes} is empty for it; {@link #length} gives its declared length.
 *
 * <p>A body larger than the limit fails the request with 413 as soon as that is known: from
 * Content-Length before a byte is read, else when the bytes pass the limit. A client that goes away
 * mid-body never reaches the route.
 *
 * <p>Bodies are gathered (and uploads streamed) within a {@link MemoryBudget}: a request takes its
 * Content-Length (the limit when it declares none) from the budget before a byte of its body is
 * read, and gives it back when its response ends or its connection closes. One that does not fit
 * waits with its body unread (TCP holds its sender back). So many large bodies at once, from one
 * machine or many, wait their turn instead of taking the heap: the budget is a quarter of the heap
 * (at most 1,024 largest bodies, so 64 MiB for enrolment's bodies of 64 KiB; at least one largest
 * body), one caller (a machine, or an address before enrolment) holds at most a quarter of that (at
 * most 16 largest bodies, at least one). When a connection closes before its route took the body,
 * the body is dropped with the grant: a route that has not started yet finds none.
 */
public final class RequestBody implements Handler<RoutingContext> {
    private static final String KEY = "lifeboat.requestBody";
    private static final byte[] EMPTY = new byte[0];
    private final long limit;
    private final MemoryBudget budget;

    private RequestBody(long limit, MemoryBudget budget) {
        if (budget.perKey() < limit) {
            throw new IllegalArgumentException("a body of " + limit + " bytes could never fit in the budget");
        }
        this.limit = limit;
        this.budget = budget;
    }

    /** A handler that accepts bodies of at most {@code limit} bytes, within a budget sized as said above. */
    public static RequestBody limitedTo(long limit) {
        long total = Math.max(limit, Math.min(Runtime.getRuntime().maxMemory() / 4, 1024 * limit));
        return new RequestBody(limit, new MemoryBudget(total, Math.max(limit, Math.min(total / 4, 16 * limit))));
    }

    /** A handler that accepts bodies of at most {@code limit} bytes within {@code budget} (tests). */
    static RequestBody limitedTo(long limit, MemoryBudget budget) {
        return new RequestBody(limit, budget);
    }

    /** The body the handler collected (empty when there was none). Not a copy: do not change it. */
    public static byte[] bytes(RoutingContext ctx) {
        byte[] b = ctx.get(KEY);
        return b == null ? EMPTY : b;
    }

    /** True for the requests whose route reads the body as it arrives: block uploads. */
    public static boolean isStreamed(HttpServerRequest request) {
        return request.method() == io.vertx.core.http.HttpMethod.POST && STREAMED.matcher(request.path()).matches();
    }

    private static final java.util.regex.Pattern STREAMED = java.util.regex.Pattern.compile("/v1/machines/[^/]+/blocks");

    /**
     * The body's length: what the handler collected, or for a streamed request the Content-Length it
     * declares (0 when it declares none).
     */
    public static long length(RoutingContext ctx) {
        byte[] b = ctx.get(KEY);
        if (b != null || !isStreamed(ctx.request())) {
            return b == null ? 0 : b.length;
        }
        try {
            String header = ctx.request().getHeader("Content-Length");
            return header == null ? 0 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The largest body of a request that carries a small JSON object (a certificate renewal, an
     * agent's RPO report, a consistency group's member record): a tree of JSON nodes costs up to 27
     * times its body's bytes, so these are refused past this, not parsed, whatever the vault's limit.
     */
    public static final int MAX_SMALL_JSON = 64 * 1024;

    /**
     * For a route whose body is a small JSON object: true, having answered {@code 413 too_large}, when
     * the body is larger than {@link #MAX_SMALL_JSON}; false when the route may parse it.
     */
    public static boolean refusedAsTooLargeForSmallJson(RoutingContext ctx, String what) {
        int n = bytes(ctx).length;
        if (n <= MAX_SMALL_JSON) {
            return false;
        }
        ApiErrors.send(ctx, 413, "too_large", what + ": " + n + " bytes, at most " + MAX_SMALL_JSON);
        return true;
    }

    /** True when the handler gathered this request's body (a request already read before it ran). */
    public static boolean gathered(RoutingContext ctx) {
        return ctx.get(KEY) != null;
    }

    /** The budget this handler's bodies share. */
    MemoryBudget budget() {
        return budget;
    }

    /** The limit this handler enforces (a streamed route enforces it itself). */
    public long limit() {
        return limit;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.get(KEY) != null) {
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        boolean streamed = isStreamed(request) && !request.isEnded();
        if (request.isEnded()) {
            // an earlier handler read it (a test's spy with Vert.x's own body handler): take it from there
            Buffer read = ctx.body() == null ? null : ctx.body().buffer();
            ctx.put(KEY, read == null ? EMPTY : read.getBytes());
            ctx.next();
            return;
        }
        long declared;
        try {
            String header = request.getHeader("Content-Length");
            declared = header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            ApiErrors.send(ctx, 400, "bad_request", "Content-Length is not a number");
            return;
        }
        if (declared > limit && !streamed) { // (an upload route answers its own 413)
            ctx.fail(413);
            return;
        }
        long want = Math.min(limit, declared >= 0 ? declared : mayHaveBody(request) ? limit : 0);
        request.pause(); // until its share is granted: what arrives meanwhile waits in the connection
        String caller = caller(ctx);
        io.vertx.core.Context loop = ctx.vertx().getOrCreateContext();
        Share share = new Share();
        ctx.addEndHandler(ended -> { // first: a route may end the response before acquire returns
            share.end();
            ctx.remove(KEY); // a route that has not taken the body yet (its client went away) finds none
        });
        // never more than one caller may hold (the constructor checked): waits at worst, is never refused
        Runnable granted = streamed ? () -> streamOn(ctx) : () -> gather(ctx, declared, want);
        share.hold(budget.acquire(caller, want, () -> {
            if (io.vertx.core.Vertx.currentContext() == loop) {
                granted.run();
            } else {
                loop.runOnContext(v -> granted.run());
            }
        }));
    }

    /** An upload whose share is granted goes on to its route, still paused: the route reads it as it arrives. */
    private static void streamOn(RoutingContext ctx) {
        if (!ctx.response().closed() && !ctx.response().ended()) {
            ctx.next();
        }
    }

    /** A request's grant, given back once when the request ends, however the two are ordered. */
    private static final class Share {
        private MemoryBudget.Grant grant;
        private boolean ended;

        synchronized void hold(MemoryBudget.Grant g) {
            grant = g;
            if (ended) {
                g.release();
            }
        }

        synchronized void end() {
            ended = true;
            if (grant != null) {
                grant.release();
            }
        }
    }

    /**
     * Reads the body once its bytes are granted: the request was paused until now. No body passes the
     * {@code granted} bytes its share holds (413): Content-Length frames a body, so only one that
     * declares a length and is sent chunked as well could try to.
     */
    private void gather(RoutingContext ctx, long declared, long granted) {
        HttpServerRequest request = ctx.request();
        if (ctx.response().closed() || ctx.response().ended()) {
            return; // went away while waiting: the end handler gave the grant back
        }
        if (request.version() == HttpVersion.HTTP_1_1 && "100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            ctx.response().writeContinue();
        }
        Collector body = new Collector(declared >= 0 ? (int) declared : 8192);
        request.handler(chunk -> {
            if (body.failed) {
                return;
            }
            if (body.size + (long) chunk.length() > granted) {
                body.failed = true;
                ctx.fail(413);
                return;
            }
            body.append(chunk);
        });
        request.exceptionHandler(e -> { // the client went away mid-body: the router's failure handler says so
            if (!body.failed) {
                body.failed = true;
                ctx.fail(e);
            }
        });
        request.endHandler(v -> {
            if (!body.failed) {
                ctx.put(KEY, body.bytes());
                ctx.next();
            }
        });
        request.resume();
    }

    /** Whether a request without Content-Length may still carry a body (chunked, or HTTP/2's frames). */
    private static boolean mayHaveBody(HttpServerRequest request) {
        return request.version() == HttpVersion.HTTP_2 || request.getHeader("Transfer-Encoding") != null;
    }

    /** Whose share the body takes: the certified machine, else (before enrolment) the client's address. */
    private static String caller(RoutingContext ctx) {
        Caller c = ctx.get(Caller.CONTEXT_KEY);
        if (c != null) {
            return "machine " + c.machine();
        }
        return "address " + ctx.request().connection().remoteAddress().hostAddress();
    }

    /** The bytes received so far, in an array that grows only when Content-Length was absent or low. */
    private static final class Collector {
        private byte[] data;
        private int size;
        private boolean failed;

        Collector(int expected) {
            data = new byte[expected];
        }

        void append(Buffer chunk) {
            int n = chunk.length();
            if (size + n > data.length) {
                data = Arrays.copyOf(data, Math.max(size + n, data.length * 2));
            }
            chunk.getBytes(0, n, data, size);
            size += n;
        }

        byte[] bytes() {
            return size == data.length ? data : Arrays.copyOf(data, size);
        }
    }
}
