package io.lifeboat.repository.backend.azure;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A JDK response as azure-core sees it: status, headers and the body already read whole. */
final class JdkAzureHttpResponse extends HttpResponse {
    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;

    JdkAzureHttpResponse(HttpRequest request, java.net.http.HttpResponse<byte[]> response) {
        super(request);
        this.status = response.statusCode();
        this.headers = new HttpHeaders();
        for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
            if (!e.getKey().startsWith(":")) { // HTTP/2 pseudo-headers, should one ever appear
                headers.set(e.getKey(), e.getValue());
            }
        }
        this.body = response.body() == null ? new byte[0] : response.body();
    }

    @Override
    public int getStatusCode() {
        return status;
    }

    @Override
    public String getHeaderValue(String name) {
        return headers.getValue(name);
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
        return body.length == 0 ? Flux.empty() : Flux.defer(() -> Flux.just(ByteBuffer.wrap(body).asReadOnlyBuffer()));
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
        return body.length == 0 ? Mono.empty() : Mono.fromSupplier(body::clone);
    }

    @Override
    public Mono<String> getBodyAsString() {
        return getBodyAsString(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
        return body.length == 0 ? Mono.empty() : Mono.fromSupplier(() -> new String(body, charset));
    }
}
