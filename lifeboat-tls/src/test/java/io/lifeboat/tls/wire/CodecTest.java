package io.lifeboat.tls.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.tls.NamedGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The codec, tested with bytes (no sockets). */
class CodecTest {

    @Test
    void clientHelloHasTheExactWireLayout() {
        byte[] random = new byte[32];
        ClientHello h = new ClientHello(0x0301, random, new byte[0], List.of(0x002F, 0x00FF), List.of(0),
                List.of(Extensions.serverName("a.b")));
        assertThat(Bytes.hex(h.toRecords(0x0301))).isEqualTo(
                "16" + "0301" + "003d"                      // record: handshake, TLS 1.0, 61 bytes
                + "01" + "000039"                           // ClientHello, 57 bytes
                + "0301" + "00".repeat(32) + "00"           // version, random, empty session id
                + "0004" + "002f00ff" + "0100"              // suites, compression null
                + "000c" + "0000" + "0008" + "0006" + "00" + "0003" + "612e62"); // SNI "a.b"
    }

    @Test
    void clientHelloRoundTripsThroughTheParser() {
        ClientHello h = new ClientHello(0x0303, new byte[32], new byte[32], List.of(0x1301, 0x5600), List.of(1, 0),
                List.of(Extensions.supportedVersions(List.of(0x0304)),
                        Extensions.keyShare(List.of(KeyShares.generate(NamedGroup.X25519), KeyShares.generate(NamedGroup.SECP256R1)))));
        byte[] msg = h.encode();
        WireReader r = new WireReader(msg);
        assertThat(r.u8("type")).isEqualTo(1);
        ClientHello back = ClientHello.parseBody(r.sub(r.u24("len"), "body"));
        assertThat(back.cipherSuites()).isEqualTo(h.cipherSuites());
        assertThat(back.compressions()).containsExactly(1, 0);
        assertThat(back.extensions()).hasSize(2);
        byte[] shares = back.extensions().get(1).data();
        // u16 list length, then x25519 (29) with 32 bytes and secp256r1 (23) with a 65-byte uncompressed point
        assertThat(shares.length).isEqualTo(2 + 4 + 32 + 4 + 65);
        assertThat(shares[2 + 4 + 32 + 4]).isEqualTo((byte) 4);
    }

    @Test
    void bigHellosAreSplitIntoRecordsOfAtMost16k() {
        List<Integer> suites = new java.util.ArrayList<>();
        for (int i = 0; i < 9000; i++) {
            suites.add(i);
        }
        byte[] recs = new ClientHello(0x0303, new byte[32], new byte[0], suites, List.of(0), List.of()).toRecords(0x0301);
        WireReader r = new WireReader(recs);
        int records = 0;
        WireWriter joined = new WireWriter();
        while (r.hasRemaining()) {
            assertThat(r.u8("type")).isEqualTo(22);
            r.u16("version");
            byte[] body = r.vector16("body");
            assertThat(body.length).isLessThanOrEqualTo(16384);
            joined.bytes(body);
            records++;
        }
        assertThat(records).isEqualTo(2);
        WireReader m = new WireReader(joined.toByteArray());
        m.u8("type");
        assertThat(ClientHello.parseBody(m.sub(m.u24("len"), "body")).cipherSuites()).hasSize(9000);
    }

    @Test
    void serverHelloFieldsAndTls13Extensions() {
        byte[] random = new byte[32];
        System.arraycopy(ServerHello.DOWNGRADE_TLS12, 0, random, 24, 8);
        byte[] body = Bytes.serverHelloBody(0x0303, random, 0xC02F, 0,
                new Extension(Wire.EXT_RENEGOTIATION_INFO, new byte[] {0}));
        ServerFlight f = new ServerFlight();
        byte[] rec = Bytes.handshakeRecord(Wire.SERVER_HELLO, body);
        f.feed(rec, 0, rec.length);
        ServerHello h = ((ServerMessage.Hello) f.messages().get(0)).hello();
        assertThat(h.cipherSuite()).isEqualTo(0xC02F);
        assertThat(h.negotiatedVersion()).isEqualTo(0x0303);
        assertThat(h.tls12DowngradeSentinel()).isTrue();
        assertThat(h.tls11DowngradeSentinel()).isFalse();
        assertThat(h.hasExtension(Wire.EXT_RENEGOTIATION_INFO)).isTrue();
        assertThat(h.helloRetryRequest()).isFalse();
    }

    @Test
    void helloRetryRequestIsRecognisedByItsRandom() {
        byte[] body = Bytes.serverHelloBody(0x0303, ServerHello.HELLO_RETRY_REQUEST_RANDOM, 0x1302, 0,
                new Extension(Wire.EXT_SUPPORTED_VERSIONS, new byte[] {3, 4}),
                new Extension(Wire.EXT_KEY_SHARE, new byte[] {0, 23}));
        ServerFlight f = new ServerFlight();
        byte[] rec = Bytes.handshakeRecord(Wire.SERVER_HELLO, body);
        f.feed(rec, 0, rec.length);
        ServerHello h = ((ServerMessage.Hello) f.messages().get(0)).hello();
        assertThat(h.helloRetryRequest()).isTrue();
        assertThat(h.negotiatedVersion()).isEqualTo(0x0304);
        assertThat(h.keyShareGroup()).contains(23);
    }

    @Test
    void tls13ServerHelloMakesTheRestEncrypted() {
        byte[] body = Bytes.serverHelloBody(0x0303, new byte[32], 0x1301, 0,
                new Extension(Wire.EXT_SUPPORTED_VERSIONS, new byte[] {3, 4}));
        WireWriter w = new WireWriter().bytes(Bytes.handshakeRecord(Wire.SERVER_HELLO, body))
                .bytes(Bytes.hex("140303000101")).bytes(Bytes.hex("1703030003aabbcc"));
        ServerFlight f = new ServerFlight();
        byte[] all = w.toByteArray();
        f.feed(all, 0, all.length);
        assertThat(f.messages()).hasSize(3);
        assertThat(f.messages().get(1)).isInstanceOf(ServerMessage.ChangeCipherSpec.class);
        assertThat(f.messages().get(2)).isEqualTo(new ServerMessage.Encrypted(23, 3));
    }

    @Test
    void messagesSplitAcrossRecordsAndRecordsSplitAcrossReadsAreReassembled() {
        byte[] hello = new WireWriter().u8(Wire.SERVER_HELLO)
                .vector24(b -> b.bytes(Bytes.serverHelloBody(0x0301, new byte[32], 0x0035, 0))).toByteArray();
        byte[] cert = new WireWriter().u8(Wire.CERTIFICATE).vector24(b -> b.vector24(l -> l.vector24(c -> c.bytes(new byte[] {1, 2, 3}))))
                .toByteArray();
        byte[] done = {14, 0, 0, 0};
        byte[] stream = new WireWriter().bytes(hello).bytes(cert).bytes(done).toByteArray();
        // three records cut at odd places, then fed one byte at a time
        byte[] recs = new WireWriter()
                .bytes(ClientHello.frame(22, 0x0301, java.util.Arrays.copyOfRange(stream, 0, 7)))
                .bytes(ClientHello.frame(22, 0x0301, java.util.Arrays.copyOfRange(stream, 7, hello.length + 5)))
                .bytes(ClientHello.frame(22, 0x0301, java.util.Arrays.copyOfRange(stream, hello.length + 5, stream.length)))
                .toByteArray();
        ServerFlight f = new ServerFlight();
        for (byte b : recs) {
            f.feed(new byte[] {b}, 0, 1);
        }
        assertThat(f.messages()).hasSize(3);
        assertThat(((ServerMessage.Certificates) f.messages().get(1)).message().certificates().get(0)).containsExactly(1, 2, 3);
        assertThat(f.messages().get(2)).isInstanceOf(ServerMessage.HelloDone.class);
    }

    @Test
    void alertsAreParsed() {
        ServerFlight f = new ServerFlight();
        byte[] rec = Bytes.hex("15030300020228");
        f.feed(rec, 0, rec.length);
        Alert a = ((ServerMessage.AlertReceived) f.messages().get(0)).alert();
        assertThat(a.fatal()).isTrue();
        assertThat(a.toString()).isEqualTo("fatal handshake_failure");
    }

    @Test
    void ssl2ServerHelloIsParsedAndItsErrorsAreNamed() {
        byte[] body = new WireWriter().u8(4).u8(0).u8(1).u16(2).u16(2).u16(3).u16(16).bytes(new byte[] {9, 9})
                .u24(0x0700C0).bytes(new byte[16]).toByteArray();
        byte[] rec = new WireWriter().u16(0x8000 | body.length).bytes(body).toByteArray();
        ServerFlight f = new ServerFlight();
        f.feed(rec, 0, rec.length);
        Ssl2ServerHello h = ((ServerMessage.Ssl2Hello) f.messages().get(0)).hello();
        assertThat(h.version()).isEqualTo(2);
        assertThat(h.certificate()).containsExactly(9, 9);
        assertThat(h.cipherSpecs()).containsExactly(Ssl2CipherKind.SSL_CK_DES_192_EDE3_CBC_WITH_MD5.id());

        byte[] bad = Bytes.hex("8005" + "0400010002");
        assertThatThrownBy(() -> new ServerFlight().feed(bad, 0, bad.length)).isInstanceOf(WireFormatException.class);
    }

    @Test
    void ssl2ClientHelloLayout() {
        byte[] b = new Ssl2ClientHello(2, List.of(0x010080), new byte[16]).encode();
        assertThat(Bytes.hex(b)).isEqualTo("801c" + "01" + "0002" + "0003" + "0000" + "0010" + "010080" + "00".repeat(16));
    }

    @Test
    void serverKeyExchangeNamesTheCurve() {
        byte[] ecdhe = Bytes.hex("03" + "001d" + "20" + "11".repeat(32) + "0403" + "0002abcd");
        assertThat(ServerKeyExchange.parseEcdhe(new WireReader(ecdhe)).namedCurve().getAsInt()).isEqualTo(29);
        byte[] dhe = new WireWriter().vector16(p -> p.bytes(new byte[256])).vector16(g -> g.u8(2)).vector16(y -> y.u8(5))
                .toByteArray();
        dhe[2] = (byte) 0x80;
        assertThat(ServerKeyExchange.parseDhe(new WireReader(dhe)).dhPrimeBits()).isEqualTo(2048);
        assertThatThrownBy(() -> ServerKeyExchange.parseEcdhe(new WireReader(Bytes.hex("01"))))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("named_curve");
    }

    @Test
    void errorsCarryTheOffset() {
        ServerFlight f = new ServerFlight();
        byte[] ok = Bytes.handshakeRecord(Wire.SERVER_HELLO_DONE, new byte[0]);
        f.feed(ok, 0, ok.length);
        byte[] bad = Bytes.hex("1603030005" + "0e000001ff"); // a ServerHelloDone must be empty
        assertThatThrownBy(() -> f.feed(bad, 0, bad.length)).isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).offset()).isGreaterThanOrEqualTo(ok.length));
        assertThatThrownBy(() -> new ServerFlight().feed(Bytes.hex("48545450"), 0, 4))
                .hasMessageContaining("first byte 0x48").hasMessageContaining("at byte 0");
        assertThatThrownBy(() -> new WireReader(new byte[] {1}).u16("x")).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("x: need 2 byte(s), 1 left");
    }
}
