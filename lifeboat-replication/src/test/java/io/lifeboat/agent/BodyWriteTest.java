package io.lifeboat.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.tls.LifeboatException;
import io.vertx.core.http.HttpClientRequest;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A request whose body lies in memory the caller reuses returns only once netty no longer reads the
 * body: a body still being written is waited for, then cut off, and one that will not stop fails
 * the call rather than let its memory be reused.
 */
class BodyWriteTest {
    private static final Duration SHORT = Duration.ofMillis(50);

    /** A request whose only working method is reset(), which runs {@code onReset}. */
    private static HttpClientRequest request(Runnable onReset) {
        return (HttpClientRequest) Proxy.newProxyInstance(BodyWriteTest.class.getClassLoader(),
                new Class<?>[] {HttpClientRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("reset")) {
                        onReset.run();
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aWriteThatNeverBeganIsNotWaitedForAndCannotBeginAfterwards() {
        BodyWrite write = new BodyWrite(SHORT, SHORT);
        write.awaitEnd("POST /blocks");
        assertThat(write.begin(request(() -> { }))).as("a request given up before it was sent").isFalse();
    }

    @Test
    void aWriteThatEndedIsNotCutOff() {
        AtomicInteger resets = new AtomicInteger();
        BodyWrite write = new BodyWrite(Duration.ofSeconds(30), SHORT);
        assertThat(write.begin(request(resets::incrementAndGet))).isTrue();
        write.ended();
        write.awaitEnd("POST /blocks");
        assertThat(resets).hasValue(0);
    }

    @Test
    void aWriteStillGoingIsCutOffAndWaitedFor() {
        AtomicInteger resets = new AtomicInteger();
        BodyWrite write = new BodyWrite(SHORT, Duration.ofSeconds(30));
        write.begin(request(() -> {
            resets.incrementAndGet();
            write.ended(); // netty fails the write of a reset request and lets go of its body
        }));
        write.awaitEnd("POST /blocks");
        assertThat(resets).hasValue(1);
    }

    @Test
    void aWriteThatWillNotStopFailsTheCall() {
        BodyWrite write = new BodyWrite(SHORT, SHORT);
        write.begin(request(() -> { }));
        assertThatThrownBy(() -> write.awaitEnd("POST /v1/machines/web-1/blocks"))
                .isInstanceOf(LifeboatException.class)
                .hasMessageContaining("POST /v1/machines/web-1/blocks").hasMessageContaining("still being written");
    }
}
