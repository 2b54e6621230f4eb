package io.lifeboat.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.vault.HostPort;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockingHttp}'s bodies given as arrays (the larger ones sent from outside the heap, as the
 * batches are) and how long its connections are kept idle, against a plain HTTP server on loopback
 * that answers with the SHA-256 of the body it read ({@code /fail}: the same, with status 500).
 */
class BlockingHttpBodiesTest {
    private Vertx vertx;
    private BlockingHttp http;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final CompletableFuture<Void> releaseSlow = new CompletableFuture<>();
    private final CountDownLatch slowArrived = new CountDownLatch(1);

    private void start(int idleSeconds) throws Exception {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer()
                .connectionHandler(c -> {
                    opened.incrementAndGet();
                    c.closeHandler(v -> closed.incrementAndGet());
                })
                .requestHandler(req -> req.body().onSuccess(b -> {
                    String sha = sha256(b.getBytes());
                    if (req.path().equals("/slow")) {
                        slowArrived.countDown();
                        releaseSlow.thenRun(() -> req.response().end(sha));
                    } else {
                        req.response().setStatusCode(req.path().equals("/fail") ? 500 : 200).end(sha);
                    }
                }));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        http = new BlockingHttp(new HttpClientOptions(), new HostPort("127.0.0.1", server.actualPort()), idleSeconds);
    }

    @AfterEach
    void stop() throws Exception {
        releaseSlow.complete(null);
        if (http != null) {
            http.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private VaultResponse post(String path, byte[] body) {
        return http.send(HttpMethod.POST, path, body, Map.of());
    }

    @Test
    void onlyArraysLargerThanOneRecordAndNoLargerThanABatchAreSentFromOutsideTheHeap() {
        assertThat(BlockingHttp.sentFromOutsideTheHeap(null)).isFalse();
        assertThat(BlockingHttp.sentFromOutsideTheHeap(new byte[BlockingHttp.LARGEST_HEAP_BODY])).isFalse();
        assertThat(BlockingHttp.sentFromOutsideTheHeap(new byte[BlockingHttp.LARGEST_HEAP_BODY + 1])).isTrue();
        assertThat(BlockingHttp.sentFromOutsideTheHeap(new byte[DirectBodies.LARGEST_KEPT])).isTrue();
        assertThat(BlockingHttp.sentFromOutsideTheHeap(new byte[DirectBodies.LARGEST_KEPT + 1])).isFalse();
    }

    @Test
    void everyBodyArrivesAsGivenOnEitherSideOfTheLineAndAfterAFailure() throws Exception {
        start(BlockingHttp.IDLE_SECONDS);
        int line = BlockingHttp.LARGEST_HEAP_BODY;
        int[] sizes = {1, line, line + 1, 3 << 20, 100, 1 << 20, line + 1};
        for (int i = 0; i < sizes.length; i++) {
            byte[] body = random(sizes[i], i);
            VaultResponse r = post("/echo", body);
            assertThat(r.status()).isEqualTo(200);
            assertThat(new String(r.body(), java.nio.charset.StandardCharsets.US_ASCII))
                    .as("a body of %d bytes", sizes[i]).isEqualTo(sha256(body));
        }
        byte[] failed = random(2 << 20, 99);
        assertThat(post("/fail", failed).status()).isEqualTo(500); // its buffer is not handed out again
        byte[] next = random(2 << 20, 100);
        assertThat(new String(post("/echo", next).body(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo(sha256(next));
        assertThat(sha256(failed)).as("the array given is untouched").isEqualTo(sha256(random(2 << 20, 99)));
    }

    @Test
    void thePoolsConnectionStaysOpenWhileIdleAndClosesAfterTheIdleTime() throws Exception {
        start(3);
        byte[] batch = new byte[(int) FirstConnection.LARGE_BODY];
        CompletableFuture<VaultResponse> slow = CompletableFuture.supplyAsync(() -> post("/slow", batch));
        assertThat(slowArrived.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(post("/echo", batch).status()).as("a batch behind a batch: the pool").isEqualTo(200);
        releaseSlow.complete(null);
        assertThat(slow.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(opened.get()).as("the held connection and the pool's").isEqualTo(2);
        Thread.sleep(1_000);
        assertThat(closed.get()).as("idle for less than the idle time").isZero();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (closed.get() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(closed.get()).as("the pool's closed by the client once idle for the idle time (not its default 60 s)")
                .isEqualTo(1);
        Thread.sleep(1_000);
        assertThat(closed.get()).as("the held connection is not closed for being idle").isEqualTo(1);
    }
}
