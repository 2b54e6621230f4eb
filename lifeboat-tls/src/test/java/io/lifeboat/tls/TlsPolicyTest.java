package io.lifeboat.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TlsPolicyTest {
    private static final TlsPolicy P = TlsPolicy.TLS12_PLUS;

    @Test
    void tls12PlusIsTls13ThenTls12() {
        assertThat(P.protocolNames()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(P.newestVersion()).isEqualTo(ProtocolVersion.TLS_1_3);
    }

    @Test
    void everyTls12SuiteIsEcdheAeadWithEcdsaOrRsa() {
        assertThat(P.tls12Suites()).hasSize(6).allSatisfy(s -> {
            assertThat(s.keyExchange()).isEqualTo(KeyExchange.ECDHE);
            assertThat(s.cipher().aead()).isTrue();
            assertThat(s.authentication()).isIn(Authentication.ECDSA, Authentication.RSA);
        });
    }

    @Test
    void suiteNamesStartWithTls13SoEnginesKeepTls13On() {
        assertThat(P.cipherSuiteNames()).hasSize(9)
                .startsWith("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
    }

    @Test
    void postQuantumHybridGroupComesFirst() {
        assertThat(P.groupNames()).containsExactly("X25519MLKEM768", "x25519", "secp256r1", "secp384r1");
    }

    @Test
    void aPolicyBelowTls12CannotBeBuilt() {
        assertThatThrownBy(() -> new TlsPolicy("old", List.of(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_1),
                P.tls13Suites(), P.tls12Suites(), P.groups()))
                .isInstanceOf(TlsPolicyException.class)
                .hasMessageContaining("TLSv1.1")
                .hasMessageContaining("TLS 1.2 and TLS 1.3 only");
    }

    @Test
    void weakTls12SuitesAreRefused() {
        for (CipherSuite weak : List.of(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA)) {
            assertThatThrownBy(() -> new TlsPolicy("weak", List.of(ProtocolVersion.TLS_1_2), List.of(),
                    List.of(weak), P.groups()))
                    .isInstanceOf(TlsPolicyException.class).hasMessageContaining(weak.name());
        }
    }

    @Test
    void tls13WithoutTls13SuitesIsRefusedRatherThanSilentlyOff() {
        assertThatThrownBy(() -> new TlsPolicy("x", P.versions(), List.of(), P.tls12Suites(), P.groups()))
                .isInstanceOf(TlsPolicyException.class).hasMessageContaining("without TLS 1.3 suites");
    }

    @Test
    void aStricterSubsetIsAllowed() {
        TlsPolicy only13 = new TlsPolicy("TLS13_ONLY", List.of(ProtocolVersion.TLS_1_3), P.tls13Suites(), List.of(),
                P.groups());
        assertThat(only13.allows(ProtocolVersion.TLS_1_2)).isFalse();
        assertThat(only13.cipherSuiteNames()).hasSize(3);
    }

    @Test
    void allowsChecksSuiteAgainstVersion() {
        assertThat(P.allows(ProtocolVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256)).isTrue();
        assertThat(P.allows(ProtocolVersion.TLS_1_2, CipherSuite.TLS_AES_128_GCM_SHA256)).isFalse();
        assertThat(P.allows(ProtocolVersion.TLS_1_1, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)).isFalse();
    }
}
