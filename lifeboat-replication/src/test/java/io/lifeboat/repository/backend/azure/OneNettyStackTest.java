package io.lifeboat.repository.backend.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.OpenSsl;
import io.netty.util.Version;
import org.junit.jupiter.api.Test;

/**
 * The decision in docs/architecture.md ("Azure Blob"): the Azure SDK runs on our JDK HTTP client, so
 * the classpath keeps one Netty (Vert.x's 4.2) and its paired BoringSSL. Fails when a dependency change
 * brings the SDK's Netty client, reactor-netty, or a second Netty back.
 */
class OneNettyStackTest {
    @Test
    void theSdksNettyClientAndReactorNettyAreNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("com.azure.core.http.netty.NettyAsyncHttpClientBuilder"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("reactor.netty.http.client.HttpClient"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void everyNettyArtifactIsVertxs42AndBoringSslStillLoads() {
        assertThat(Version.identify().values()).isNotEmpty()
                .allSatisfy(v -> assertThat(v.artifactVersion()).as(v.artifactId()).startsWith("4.2."));
        assertThat(OpenSsl.isAvailable()).as("tcnative paired with Netty: %s", OpenSsl.unavailabilityCause()).isTrue();
        assertThat(OpenSsl.versionString()).startsWith("BoringSSL");
    }
}
