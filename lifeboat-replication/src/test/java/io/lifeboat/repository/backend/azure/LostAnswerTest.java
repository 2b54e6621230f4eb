package io.lifeboat.repository.backend.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/**
 * Transient failures are the SDK retry policy's: a connection that drops after a create reached the
 * service is retried, the retry meets 409, and the create still reports that it made the file (its
 * metadata id is its own), while another writer's file stays "taken".
 */
class LostAnswerTest {
    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();

    /** Lets the first {@code drops} PUTs that {@code which} picks reach the service, then loses their answers. */
    static final class LosesAnswers implements HttpClient {
        final HttpClient delegate = new JdkAzureHttpClient(Duration.ofSeconds(5), Duration.ofSeconds(30));
        final Predicate<HttpRequest> which;
        final AtomicInteger drops;
        final AtomicInteger sent = new AtomicInteger();

        LosesAnswers(int drops, Predicate<HttpRequest> which) {
            this.drops = new AtomicInteger(drops);
            this.which = which;
        }

        LosesAnswers(int drops) {
            this(drops, r -> true);
        }

        private boolean lose(HttpRequest r) {
            return r.getHttpMethod() == HttpMethod.PUT && which.test(r) && drops.getAndDecrement() > 0;
        }

        @Override
        public Mono<HttpResponse> send(HttpRequest request) {
            sent.incrementAndGet();
            boolean lose = lose(request);
            return delegate.send(request).flatMap(r -> lose ? Mono.error(new IOException("connection reset (test)")) : Mono.just(r));
        }

        @Override
        public HttpResponse sendSync(HttpRequest request, Context context) {
            sent.incrementAndGet();
            boolean lose = lose(request);
            HttpResponse r = delegate.sendSync(request, context);
            if (lose) {
                throw new UncheckedIOException(new IOException("connection reset (test)"));
            }
            return r;
        }
    }

    private static AzureBlobBackend backend(String container, HttpClient http) {
        AzureBlobStore store = new AzureBlobStore(container, "");
        return new AzureBlobBackend(store, new BlobServiceClientBuilder().connectionString(AZURITE.get().connectionString())
                .httpClient(http)
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 3, Duration.ofSeconds(30), Duration.ofMillis(10),
                        Duration.ofMillis(10), null))
                .buildClient().getBlobContainerClient(container));
    }

    @Test
    void aCreateWhoseAnswerWasLostIsRetriedAndStillReportsItMadeTheFile() throws Exception {
        String container = AZURITE.get().newContainer();
        LosesAnswers http = new LosesAnswers(1);
        Handle h = new Handle(FileType.INDEX, "once");
        assertThat(backend(container, http).create(h, new byte[] {1, 2, 3})).isTrue();
        assertThat(http.drops.get()).isNegative(); // the loss happened, and the SDK sent again
        assertThat(backend(container, new LosesAnswers(0)).read(h)).containsExactly(1, 2, 3);
        assertThat(backend(container, new LosesAnswers(0)).create(h, new byte[] {9})).isFalse();
    }

    @Test
    void aPackWhoseCommitAnswerWasLostIsStillOurs() throws Exception {
        String container = AZURITE.get().newContainer();
        byte[] pack = new byte[(int) AzureBlobBackend.BLOCK_BYTES + 1]; // two staged blocks, then the commit
        new java.util.Random(5).nextBytes(pack);
        LosesAnswers http = new LosesAnswers(1, r -> String.valueOf(r.getUrl().getQuery()).contains("comp=blocklist"));
        Handle h = new Handle(FileType.DATA, "pack");
        assertThat(backend(container, http).create(h, pack)).isTrue();
        assertThat(http.drops.get()).isNegative();
        assertThat(backend(container, new LosesAnswers(0)).read(h)).isEqualTo(pack);
    }

    @Test
    void anotherWritersFileIsStillTaken() throws Exception {
        String container = AZURITE.get().newContainer();
        Handle h = new Handle(FileType.INDEX, "theirs");
        assertThat(backend(container, new LosesAnswers(0)).create(h, new byte[] {1})).isTrue();
        LosesAnswers http = new LosesAnswers(1);
        assertThat(backend(container, http).create(h, new byte[] {2})).isFalse();
        assertThat(backend(container, new LosesAnswers(0)).read(h)).containsExactly(1);
    }
}
