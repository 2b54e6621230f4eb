package io.lifeboat.vault.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler on a plain loopback server (the handler does not care about TLS; the vault's tests cover that). */
class RequestBodyTest {
    private static final int LIMIT = 100_000;
    private Vertx vertx;
    private HttpServer server;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(RequestBody.limitedTo(LIMIT));
        // echoes the body's length and first/last byte, so the test sees what the route saw
        router.route().handler(ctx -> {
            byte[] b = RequestBody.bytes(ctx);
            ctx.response().end(b.length + (b.length == 0 ? "" : " " + b[0] + " " + b[b.length - 1]));
        });
        router.errorHandler(413, ctx -> ctx.response().setStatusCode(413).end("too large"));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = vertx.createHttpClient();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private String[] send(byte[] body, boolean chunked) throws Exception {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                .setPort(server.actualPort()).setURI("/x");
        return client.request(o).compose(req -> {
            req.setChunked(chunked);
            if (chunked) {
                for (int off = 0; off < body.length; off += 7000) { // several chunks, no Content-Length
                    req.write(Buffer.buffer(java.util.Arrays.copyOfRange(body, off, Math.min(body.length, off + 7000))));
                }
                return req.end().compose(v -> req.response());
            }
            return req.send(Buffer.buffer(body));
        }).compose(r -> r.body().map(b -> new String[] {String.valueOf(r.statusCode()), b.toString()}))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static byte[] body(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % 101);
        }
        return b;
    }

    @Test
    void aBodyWithContentLengthReachesTheRouteWhole() throws Exception {
        assertThat(send(body(LIMIT), false)).containsExactly("200", LIMIT + " 0 " + ((LIMIT - 1) % 101));
    }

    @Test
    void aChunkedBodyWithoutContentLengthGrowsAsItArrives() throws Exception {
        assertThat(send(body(50_000), true)).containsExactly("200", "50000 0 " + (49_999 % 101));
    }

    @Test
    void anEmptyBodyIsAnEmptyArray() throws Exception {
        assertThat(send(new byte[0], false)).containsExactly("200", "0");
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() throws Exception {
        assertThat(send(body(LIMIT + 1), false)[0]).isEqualTo("413");
    }

    @Test
    void aChunkedBodyThatPassesTheLimitIsRefused() throws Exception {
        assertThat(send(body(LIMIT + 5000), true)[0]).isEqualTo("413");
    }
}
