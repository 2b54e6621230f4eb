package io.lifeboat.vault.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gathered bodies within the {@link MemoryBudget}: the route here holds each response open until the
 * test lets it end, so the test decides when a body's share comes back.
 */
class RequestBodyBudgetTest {
    private static final int LIMIT = 100_000;
    private Vertx vertx;
    private HttpServer server;
    private HttpClient client;
    private MemoryBudget budget;
    /** The requests that reached the route, by path, in order. */
    private final Queue<String> arrived = new ConcurrentLinkedQueue<>();
    private final Map<String, Promise<Void>> answers = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        budget = new MemoryBudget(3L * LIMIT, 2L * LIMIT);
        Router router = Router.router(vertx);
        router.route().handler(ctx -> { // stands in for the mutual-TLS authorisation: the caller by a header
            String m = ctx.request().getHeader("X-Machine");
            if (m != null) {
                ctx.put(Caller.CONTEXT_KEY, new Caller(m, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "127.0.0.1:1", "f"));
            }
            ctx.next();
        });
        router.route().handler(RequestBody.limitedTo(LIMIT, budget));
        router.route().handler(ctx -> {
            String path = ctx.request().path();
            int n = RequestBody.bytes(ctx).length;
            if (RequestBody.isStreamed(ctx.request())) { // an upload's route reads its body itself
                ctx.request().handler(b -> { }).resume();
            }
            arrived.add(path);
            answers.computeIfAbsent(path, p -> Promise.promise()).future()
                    .onComplete(v -> ctx.response().end(String.valueOf(n)));
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = vertx.createHttpClient();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Sends a body of {@code n} bytes to {@code path} as {@code machine}; the future is its answer. */
    private Future<HttpClientResponse> send(String path, String machine, int n, HttpClientRequest[] request) {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                .setPort(server.actualPort()).setURI(path).putHeader("X-Machine", machine);
        return client.request(o).compose(req -> {
            if (request != null) {
                request[0] = req;
            }
            return req.send(Buffer.buffer(new byte[n]));
        });
    }

    private Future<HttpClientResponse> send(String path, String machine) {
        return send(path, machine, LIMIT, null);
    }

    private void answer(String path) {
        answers.computeIfAbsent(path, p -> Promise.promise()).tryComplete();
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("gave up waiting: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aBodyThatDoesNotFitWaitsUnreadUntilAnEarlierOneIsAnswered() throws Exception {
        send("/1", "a");
        send("/2", "b");
        send("/3", "c");
        waitFor(() -> arrived.size() == 3, "three bodies in");
        Future<HttpClientResponse> fourth = send("/4", "d");
        waitFor(() -> budget.waiting() == 1, "the fourth waiting");
        assertThat(arrived).containsExactly("/1", "/2", "/3");
        answer("/2");
        waitFor(() -> arrived.contains("/4"), "the fourth in once the second was answered");
        answer("/4");
        assertThat(fourth.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        answer("/1");
        answer("/3");
        waitFor(() -> budget.used() == 0, "every share back");
    }

    @Test
    void aMachineAtItsShareWaitsWhileAnotherMachineGoesIn() throws Exception {
        send("/a1", "a");
        send("/a2", "a");
        waitFor(() -> arrived.size() == 2, "a's two bodies in");
        send("/a3", "a");
        waitFor(() -> budget.waiting() == 1, "a's third waiting for a's own share");
        send("/b1", "b");
        waitFor(() -> arrived.contains("/b1"), "b past a's waiting request");
        assertThat(arrived).doesNotContain("/a3");
        answer("/a1");
        waitFor(() -> arrived.contains("/a3"), "a's third once a's first was answered");
    }

    @Test
    void aClientThatGoesAwayGivesItsShareBackWhetherWaitingOrHeld() throws Exception {
        HttpClientRequest[] held = new HttpClientRequest[1];
        HttpClientRequest[] waiting = new HttpClientRequest[1];
        send("/1", "a", LIMIT, held);
        send("/2", "b");
        send("/3", "c");
        waitFor(() -> arrived.size() == 3, "three bodies in");
        send("/4", "d", LIMIT, waiting);
        waitFor(() -> budget.waiting() == 1, "the fourth waiting");
        waiting[0].connection().close();
        waitFor(() -> budget.waiting() == 0, "the waiting one gone from the line");
        held[0].connection().close();
        waitFor(() -> budget.used() == 2L * LIMIT, "the held share of the one that went away back");
        send("/5", "e");
        waitFor(() -> arrived.contains("/5"), "a new body in the room it left");
        assertThat(arrived).doesNotContain("/4");
    }

    @Test
    void anUploadStreamedAsItArrivesAlsoWaitsForItsShare() throws Exception {
        send("/1", "a");
        send("/2", "b");
        send("/3", "c");
        waitFor(() -> arrived.size() == 3, "three bodies in");
        send("/v1/machines/d/blocks", "d");
        waitFor(() -> budget.waiting() == 1, "the upload waiting");
        assertThat(arrived).doesNotContain("/v1/machines/d/blocks");
        answer("/1");
        waitFor(() -> arrived.contains("/v1/machines/d/blocks"), "the upload on its route once a share came free");
        answer("/v1/machines/d/blocks");
        answer("/2");
        answer("/3");
        waitFor(() -> budget.used() == 0, "every share back");
    }

    @Test
    void aBodyThatDeclaresALengthAndIsSentChunkedNeverHoldsMoreThanItsShare() throws Exception {
        // Content-Length: 10 with a chunked body of 50,000 bytes: either the server frames it by the
        // chunks (and charges it the limit) or it is refused; never 50,000 bytes held on a share of 10
        int n = 50_000;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.actualPort())) {
            var out = socket.getOutputStream();
            out.write(("POST /smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Machine: a\r\nContent-Length: 10\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[n]);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(20_000);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!arrived.contains("/smuggled") && System.nanoTime() < end) {
                if (socket.getInputStream().available() > 0) {
                    break; // answered before the route: refused
                }
                Thread.sleep(10);
            }
            if (arrived.contains("/smuggled")) {
                assertThat(budget.used()).as("the share of the body the route holds").isGreaterThanOrEqualTo(n);
                answer("/smuggled");
            }
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).as("an answer, 200 only when it was charged as above").matches("HTTP/1.1 (200|400|413)");
        }
        waitFor(() -> budget.used() == 0, "the share back");
    }

    @Test
    void theBudgetIsAQuarterOfTheHeapAtMostAThousandBodiesAndOneCallerAQuarterOfIt() {
        long heap = Runtime.getRuntime().maxMemory();
        MemoryBudget enrolment = RequestBody.limitedTo(64 << 10).budget();
        assertThat(enrolment.total()).isEqualTo(Math.min(heap / 4, 64L << 20));
        assertThat(enrolment.perKey()).isEqualTo(Math.max(64 << 10, Math.min(enrolment.total() / 4, 1L << 20)));
        MemoryBudget machines = RequestBody.limitedTo(64L << 20).budget();
        assertThat(machines.total()).isEqualTo(Math.max(64L << 20, Math.min(heap / 4, 64L << 30)));
        assertThat(machines.perKey()).isBetween(64L << 20, 1L << 30);
    }

    @Test
    void aRequestWithoutABodyTakesNoShareAndWaitsBehindNoOne() throws Exception {
        send("/1", "a");
        send("/2", "b");
        send("/3", "c");
        waitFor(() -> arrived.size() == 3, "three bodies in");
        send("/4", "d");
        waitFor(() -> budget.waiting() == 1, "a body waiting for the whole budget");
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                .setPort(server.actualPort()).setURI("/get").putHeader("X-Machine", "d");
        client.request(o).compose(HttpClientRequest::send);
        waitFor(() -> arrived.contains("/get"), "a GET in while the budget is full");
    }
}
