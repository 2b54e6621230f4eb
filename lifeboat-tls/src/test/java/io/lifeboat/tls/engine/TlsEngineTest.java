package io.lifeboat.tls.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.TlsPolicy;
import org.junit.jupiter.api.Test;

class TlsEngineTest {

    @Test
    void selectsByNameAndDefaultsToThePreferredEngine() {
        assertThat(TlsEngine.select("jdk")).isEqualTo(TlsEngine.JDK);
        assertThat(TlsEngine.select("JDK")).isEqualTo(TlsEngine.JDK);
        assertThat(TlsEngine.select("auto")).isEqualTo(TlsEngine.preferred());
        assertThat(TlsEngine.select(null)).isEqualTo(TlsEngine.preferred());
        assertThat(TlsEngine.JDK.id()).isEqualTo("jdk");
        assertThat(TlsEngine.BORINGSSL.id()).isEqualTo("boringssl");
    }

    @Test
    void unknownEngineIsAUsageError() {
        assertThatThrownBy(() -> TlsEngine.select("gnutls"))
                .isInstanceOf(LifeboatException.class)
                .hasMessageContaining("unknown TLS engine 'gnutls'")
                .satisfies(e -> assertThat(((LifeboatException) e).kind()).isEqualTo(LifeboatException.Kind.USAGE));
    }

    @Test
    void preferredIsBoringSslWhenTheNativeLibraryLoads() {
        assertThat(TlsEngine.preferred()).isEqualTo(TlsEngine.BORINGSSL.available() ? TlsEngine.BORINGSSL : TlsEngine.JDK);
        if (TlsEngine.BORINGSSL.available()) {
            assertThat(TlsEngine.BORINGSSL.description()).contains("BoringSSL");
            assertThat(TlsEngine.BORINGSSL.unavailableReason()).isEmpty();
        }
    }

    @Test
    void policyGroupsInEachEnginesNames() {
        assertThat(TlsEngine.boringSslGroups(TlsPolicy.TLS12_PLUS)).containsExactly("X25519MLKEM768", "X25519", "P-256", "P-384");
        assertThat(TlsEngine.jdkGroups(TlsPolicy.TLS12_PLUS)).isEqualTo("x25519,secp256r1,secp384r1");
    }
}
