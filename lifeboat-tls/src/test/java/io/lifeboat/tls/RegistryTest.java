package io.lifeboat.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The registries against well-known code points, and their lookups. */
class RegistryTest {
    @Test
    void wellKnownCipherSuiteCodePoints() {
        assertThat(CipherSuite.TLS_AES_128_GCM_SHA256.id()).isEqualTo(0x1301);
        assertThat(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.id()).isEqualTo(0xC02F);
        assertThat(CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256.id()).isEqualTo(0xCCA9);
        assertThat(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA.id()).isEqualTo(0x002F);
        assertThat(CipherSuite.fromId(0x009C)).contains(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);
        assertThat(CipherSuite.fromName("ECDHE-RSA-AES256-GCM-SHA384"))
                .contains(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384);
    }

    @Test
    void cipherSuiteIdsAreTwoBytes() {
        assertThat(CipherSuite.values()).allSatisfy(s -> assertThat(s.id()).isBetween(0, 0xFFFF));
        assertThat(CipherSuite.values().length).isGreaterThan(300);
    }

    @Test
    void tls13SuitesAreUsableOnlyWithTls13() {
        assertThat(CipherSuite.TLS_AES_128_GCM_SHA256.usableWith(ProtocolVersion.TLS_1_3)).isTrue();
        assertThat(CipherSuite.TLS_AES_128_GCM_SHA256.usableWith(ProtocolVersion.TLS_1_2)).isFalse();
        assertThat(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA.usableWith(ProtocolVersion.TLS_1_0)).isTrue();
        assertThat(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256.usableWith(ProtocolVersion.TLS_1_1)).isFalse();
        assertThat(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA.usableWith(ProtocolVersion.TLS_1_3)).isFalse();
    }

    @Test
    void versionsGroupsAndSchemesRoundTripTheirWireIds() {
        Arrays.stream(ProtocolVersion.values()).forEach(v ->
                assertThat(ProtocolVersion.fromWireId(v.wireId())).contains(v));
        Arrays.stream(NamedGroup.values()).forEach(g ->
                assertThat(NamedGroup.fromWireId(g.wireId())).contains(g));
        Arrays.stream(SignatureScheme.values()).forEach(s ->
                assertThat(SignatureScheme.fromWireId(s.wireId())).contains(s));
        assertThat(NamedGroup.X25519_MLKEM768.wireId()).isEqualTo(0x11EC);
        assertThat(ProtocolVersion.fromStandardName("tlsv1.2")).contains(ProtocolVersion.TLS_1_2);
    }
}
