package io.lifeboat.tls.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientHelloParserTest {

    @Test
    void readsLegacyVersionWithoutSupportedVersions() {
        byte[] hello = RawTls.clientHello(RawTls.TLS_1_0, RawTls.TLS_1_1, new int[] {0x002f}, null);
        OfferedVersions v = ClientHelloParser.parse(hello, hello.length).orElseThrow();
        assertThat(v.recordVersion()).isEqualTo(0x0301);
        assertThat(v.legacyVersion()).isEqualTo(0x0302);
        assertThat(v.supportedVersions()).isEmpty();
        assertThat(v.highestName()).isEqualTo("TLSv1.1");
        assertThat(v.belowTls12()).isTrue();
        assertThat(v.fallbackScsv()).isFalse();
    }

    @Test
    void prefersSupportedVersionsAndSkipsGrease() {
        byte[] hello = RawTls.clientHello(RawTls.TLS_1_0, RawTls.TLS_1_2, new int[] {0x1301, 0x5600},
                new int[] {0x7a7a, RawTls.TLS_1_3, RawTls.TLS_1_2});
        OfferedVersions v = ClientHelloParser.parse(hello, hello.length).orElseThrow();
        assertThat(v.supportedVersions()).containsExactly(0x0304, 0x0303);
        assertThat(v.highestName()).isEqualTo("TLSv1.3");
        assertThat(v.belowTls12()).isFalse();
        assertThat(v.fallbackScsv()).isTrue();
        assertThat(v.describe()).contains("max=TLSv1.3").contains("TLS_FALLBACK_SCSV");
    }

    @Test
    void unknownVersionIsNamedInHex() {
        OfferedVersions v = new OfferedVersions(0x0301, 0x7f1c, java.util.List.of(), false);
        assertThat(v.highestName()).isEqualTo("0x7f1c");
    }

    @Test
    void notAHandshakeOrTruncatedGivesNothing() {
        byte[] http = "GET / HTTP/1.1\r\n\r\n".getBytes();
        assertThat(ClientHelloParser.parse(http, http.length)).isEmpty();
        byte[] hello = RawTls.clientHello(RawTls.TLS_1_0, RawTls.TLS_1_2, new int[] {0x1301}, new int[] {0x0304});
        assertThat(ClientHelloParser.parse(hello, 20)).isEmpty();
        assertThat(ClientHelloParser.recordLength(hello, 4)).isEqualTo(-1);
        assertThat(ClientHelloParser.recordLength(hello, hello.length)).isEqualTo(hello.length);
    }

    @Test
    void greaseValuesAreRecognised() {
        assertThat(ClientHelloParser.isGrease(0x0a0a)).isTrue();
        assertThat(ClientHelloParser.isGrease(0xfafa)).isTrue();
        assertThat(ClientHelloParser.isGrease(0x0304)).isFalse();
        assertThat(ClientHelloParser.isGrease(0x0a1a)).isFalse();
    }
}
