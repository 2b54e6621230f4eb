package io.lifeboat.repository.backend.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * azure-core's {@link HttpClient} over the JDK's {@code java.net.http.HttpClient}. The SDK's default
 * client (azure-core-http-netty) brings reactor-netty on Netty 4.1 and its own tcnative, which would
 * fight Vert.x's Netty 4.2 and its paired BoringSSL for the one classpath; this adapter keeps the SDK off
 * Netty entirely (docs/architecture.md, "Azure Blob"). Bodies are whole byte arrays both ways: a request
 * is at most one block (4 MiB) and the backend returns whole arrays anyway. Retries, timeouts per try
 * and back-off stay the SDK's retry policy; a failed exchange is an {@link IOException} it retries.
 */
final class JdkAzureHttpClient implements HttpClient {
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final java.net.http.HttpClient client;
    private final Duration requestTimeout;

    JdkAzureHttpClient(Duration connectTimeout, Duration requestTimeout) {
        this.client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1) // Blob Storage speaks HTTP/1.1
                .connectTimeout(connectTimeout)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = requestTimeout;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return Mono.defer(() -> Mono.fromFuture(client.sendAsync(toJdk(request), BodyHandlers.ofByteArray())))
                .map(r -> (HttpResponse) new JdkAzureHttpResponse(request, r));
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        return send(request);
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        try {
            return new JdkAzureHttpResponse(request, client.send(toJdk(request), BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted: " + request.getUrl()));
        }
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        BinaryData body = request.getBodyAsBinaryData();
        java.net.http.HttpRequest.BodyPublisher publisher = body == null
                ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body.toBytes());
        java.net.http.HttpRequest.Builder b;
        try {
            b = java.net.http.HttpRequest.newBuilder(request.getUrl().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad request URL " + request.getUrl(), e);
        }
        b.timeout(requestTimeout).method(request.getHttpMethod().toString(), publisher);
        for (HttpHeader h : request.getHeaders()) {
            if (!RESTRICTED.contains(h.getName().toLowerCase(Locale.ROOT))) {
                for (String v : h.getValuesList()) {
                    b.header(h.getName(), v);
                }
            }
        }
        return b.build();
    }
}
