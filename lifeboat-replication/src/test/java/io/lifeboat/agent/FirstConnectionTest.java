package io.lifeboat.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.vault.HostPort;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which connection {@link BlockingHttp}'s requests go on ({@link FirstConnection}), counted by a
 * plain HTTP server on loopback: {@code /slow} answers when the test says (once it has the whole
 * body), {@code /close} answers with {@code Connection: close}, {@code /drop} answers and then closes
 * the connection without saying so, anything else answers at once.
 */
class FirstConnectionTest {
    private Vertx vertx;
    private HttpServer server;
    private final AtomicInteger connections = new AtomicInteger();
    private final CompletableFuture<Void> releaseSlow = new CompletableFuture<>();
    private final CountDownLatch slowArrived = new CountDownLatch(1);
    private BlockingHttp http;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .connectionHandler(c -> connections.incrementAndGet())
                .requestHandler(req -> {
                    switch (req.path()) {
                        case "/slow" -> req.body().onSuccess(b -> {
                            slowArrived.countDown();
                            releaseSlow.thenRun(() -> req.response().end("slow"));
                        });
                        case "/close" -> req.response().putHeader("Connection", "close").end("closing");
                        case "/drop" -> req.response().end("dropping").onComplete(done -> req.connection().close());
                        default -> req.response().end("fast");
                    }
                });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        http = new BlockingHttp(new HttpClientOptions(), new HostPort("127.0.0.1", server.actualPort()));
    }

    @AfterEach
    void stop() throws Exception {
        releaseSlow.complete(null);
        http.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private String get(String path) {
        return send(HttpMethod.GET, path, null);
    }

    private String send(HttpMethod method, String path, byte[] body) {
        return new String(http.send(method, path, body, Map.of()).body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void requestsOneAfterTheOtherShareOneConnection() {
        for (int i = 0; i < 8; i++) {
            assertThat(get("/fast")).isEqualTo("fast");
        }
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test
    void aRequestMadeWhileASmallExchangeIsUnderWayWaitsForItsConnection() throws Exception {
        assertThat(get("/fast")).isEqualTo("fast");
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> send(HttpMethod.POST, "/slow", new byte[100]));
        assertThat(slowArrived.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> fast = CompletableFuture.supplyAsync(() -> get("/fast"));
        Thread.sleep(300); // time enough for it to have opened a connection of its own, were it to
        assertThat(fast).as("waits for the exchange under way").isNotDone();
        releaseSlow.complete(null);
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
        assertThat(fast.get(10, TimeUnit.SECONDS)).isEqualTo("fast");
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test
    void aBatchMadeWhileABatchIsBeingSentGoesOnAConnectionOfItsOwn() throws Exception {
        byte[] batch = new byte[(int) FirstConnection.LARGE_BODY];
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> send(HttpMethod.POST, "/slow", batch));
        assertThat(slowArrived.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(send(HttpMethod.POST, "/fast", batch)).as("answered while the batch waits").isEqualTo("fast");
        assertThat(slow).isNotDone();
        assertThat(connections.get()).isEqualTo(2);
        releaseSlow.complete(null);
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
    }

    @Test
    void aSmallRequestMadeWhileABatchIsBeingSentWaitsForItsConnection() throws Exception {
        byte[] batch = new byte[(int) FirstConnection.LARGE_BODY];
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> send(HttpMethod.POST, "/slow", batch));
        assertThat(slowArrived.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> fast = CompletableFuture.supplyAsync(() -> get("/fast"));
        Thread.sleep(300); // time enough for it to have opened a connection of its own, were it to
        assertThat(fast).as("waits for the batch").isNotDone();
        releaseSlow.complete(null);
        assertThat(fast.get(10, TimeUnit.SECONDS)).isEqualTo("fast");
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test
    void onceABatchWentToThePoolNoRequestWaitsForTheHeldConnection() throws Exception {
        byte[] batch = new byte[(int) FirstConnection.LARGE_BODY];
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> send(HttpMethod.POST, "/slow", batch));
        assertThat(slowArrived.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(send(HttpMethod.POST, "/fast", batch)).as("a batch behind a batch: the pool").isEqualTo("fast");
        // Well under FirstConnection.WAIT_MILLIS: a request that waited for the held connection would
        // only reach the pool after that long.
        long notWaiting = FirstConnection.WAIT_MILLIS / 2;
        assertThat(CompletableFuture.supplyAsync(() -> get("/fast")).get(notWaiting, TimeUnit.MILLISECONDS))
                .as("a small request, answered on the pool while the batch holds the connection").isEqualTo("fast");
        assertThat(CompletableFuture.supplyAsync(() -> send(HttpMethod.POST, "/fast", new byte[100]))
                .get(notWaiting, TimeUnit.MILLISECONDS)).isEqualTo("fast");
        assertThat(slow).as("the held connection is still busy").isNotDone();
        assertThat(connections.get()).as("the held one and the pool's (Vert.x may open more)").isGreaterThanOrEqualTo(2);
        releaseSlow.complete(null);
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
    }

    @Test
    void aConnectionTheAnswerSaysIsClosedIsNotUsedAgain() {
        for (int i = 0; i < 8; i++) { // the next request never races the close: no failure, no retry
            assertThat(get("/close")).isEqualTo("closing");
            assertThat(get("/fast")).isEqualTo("fast");
        }
        assertThat(connections.get()).as("each /close ends the connection the /fast before it opened").isEqualTo(9);
    }

    @Test
    void aConnectionTheServerClosesIsForgottenAndTheNextRequestOpensAnother() throws Exception {
        assertThat(get("/fast")).isEqualTo("fast");
        assertThat(get("/drop")).isEqualTo("dropping"); // answered, then closed without a word
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String next = null;
        while (next == null && System.nanoTime() < deadline) {
            try {
                next = get("/fast");
            } catch (io.lifeboat.tls.LifeboatException raced) {
                // sent as the close arrived: the agent's callers retry such a failure; so does this test
            }
        }
        assertThat(next).isEqualTo("fast");
        assertThat(get("/fast")).isEqualTo("fast");
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void aHeldConnectionLeftIdleLongerThanThePoolsIsReplacedNotReused() throws Exception {
        try (BlockingHttp brief = new BlockingHttp(new HttpClientOptions(),
                new HostPort("127.0.0.1", server.actualPort()), 1)) {
            int before = connections.get();
            brief.send(HttpMethod.GET, "/fast", (byte[]) null, Map.of());
            brief.send(HttpMethod.GET, "/fast", (byte[]) null, Map.of());
            assertThat(connections.get() - before).as("used again while fresh").isEqualTo(1);
            Thread.sleep(1_500); // idle past the 1 s it may be: the vault may be closing it by now
            assertThat(new String(brief.send(HttpMethod.GET, "/fast", (byte[]) null, Map.of()).body(),
                    java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("fast");
            assertThat(connections.get() - before).as("a new one, not the stale one").isEqualTo(2);
        }
    }
}
