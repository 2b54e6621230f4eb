package io.lifeboat.tls.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.tls.NamedGroup;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Record protection, key schedule and key shares, with bytes: no socket. */
class Tls13RecordCipherTest {
    private static final byte[] AAD = {23, 3, 3, 0, 42};

    @ParameterizedTest
    @EnumSource(Tls13RecordCipher.class)
    void sealedRecordsOpenAndTamperedOnesDoNot(Tls13RecordCipher c) throws Exception {
        byte[] key = new byte[c.keyLength()];
        byte[] nonce = new byte[c.ivLength()];
        byte[] plain = "certificate message\u0016".getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = c.seal(key, nonce, AAD, plain);
        assertThat(sealed).hasSize(plain.length + c.tagLength());
        assertThat(c.open(key, nonce, AAD, sealed)).isEqualTo(plain);
        sealed[0] ^= 1;
        assertThatThrownBy(() -> c.open(key, nonce, AAD, sealed)).isInstanceOf(InvalidCipherTextException.class);
        assertThatThrownBy(() -> c.open(key, nonce, AAD, new byte[c.tagLength() - 1]))
                .isInstanceOf(InvalidCipherTextException.class);
    }

    @Test
    void hkdfExpandLabelMatchesRfc8448() {
        // RFC 8448 §3, "{server} derive write traffic keys for handshake data": from the
        // server_handshake_traffic_secret b6 7b 7d 69 ... 38 to key 3f ce 51 60 ... and iv 5d 31 3e b2 ...
        byte[] secret = HexFormat.of().parseHex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38");
        Tls13KeySchedule.TrafficKeys k = Tls13KeySchedule.trafficKeys(Tls13RecordCipher.AES_128_GCM_SHA256, secret);
        assertThat(HexFormat.of().formatHex(k.key())).isEqualTo("3fce516009c21727d0f2e4e86ee403bc");
        assertThat(HexFormat.of().formatHex(k.iv())).isEqualTo("5d313eb2671276ee13000b30");
    }

    @Test
    void bothEndsOfEveryGroupAgree() throws Exception {
        for (NamedGroup g : EphemeralKeyShare.SUPPORTED) {
            EphemeralKeyShare a = EphemeralKeyShare.generate(g);
            EphemeralKeyShare b = EphemeralKeyShare.generate(g);
            assertThat(a.agree(b.publicKey())).as(g.toString()).isEqualTo(b.agree(a.publicKey()));
        }
    }

    @Test
    void nonceIsTheIvXorTheSequenceNumber() {
        Tls13KeySchedule.TrafficKeys k = new Tls13KeySchedule.TrafficKeys(new byte[16], new byte[12]);
        assertThat(HexFormat.of().formatHex(k.nonce(0x0102))).isEqualTo("000000000000000000000102");
    }
}
