package io.lifeboat.tls.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the codec (jqwik, in the default build; Jazzer explores further under -Pfuzz). */
class CodecPropertiesTest {

    /** Any bytes, cut anywhere: the parser either accepts them or throws WireFormatException. */
    @Property(tries = 2000)
    void anyBytesParseOrFailWithWireFormatException(@ForAll @Size(max = 600) byte[] data,
            @ForAll @IntRange(min = 1, max = 64) int chunk) {
        ServerFlight f = new ServerFlight();
        try {
            for (int i = 0; i < data.length; i += chunk) {
                f.feed(data, i, Math.min(chunk, data.length - i));
            }
        } catch (WireFormatException expected) {
            assertThat(expected.offset()).isBetween(0L, (long) data.length);
        }
    }

    /** Bytes behind a valid record header stress the handshake layer rather than the record check. */
    @Property(tries = 2000)
    void handshakeBodiesParseOrFailCleanly(@ForAll @Size(max = 400) byte[] body, @ForAll @IntRange(min = 20, max = 24) int type) {
        byte[] rec = ClientHello.frame(type, 0x0303, body);
        try {
            new ServerFlight().feed(rec, 0, rec.length);
        } catch (WireFormatException expected) {
            // fine: documented failure
        }
    }

    /** The TLS 1.3 reader: any record bodies, even behind a real key share, parse or fail with WireFormatException. */
    @Property(tries = 1000)
    void tls13FlightParsesOrFailsCleanly(@ForAll @Size(max = 400) byte[] body, @ForAll @IntRange(min = 20, max = 24) int type,
            @ForAll boolean serverHelloFirst) {
        Tls13ServerFlight f = new Tls13ServerFlight(new byte[] {1, 0, 0, 0},
                id -> java.util.Optional.of(KeyShares.ephemeral(io.lifeboat.tls.NamedGroup.X25519)));
        try {
            if (serverHelloFirst) {
                byte[] share = KeyShares.of(io.lifeboat.tls.NamedGroup.X25519).publicKey();
                WireWriter sh = new WireWriter();
                sh.u8(Wire.SERVER_HELLO).vector24(b -> b.u16(0x0303).bytes(new byte[32]).vector8(x -> { }).u16(0x1301).u8(0)
                        .vector16(e -> e.u16(Wire.EXT_SUPPORTED_VERSIONS).vector16(v -> v.u16(0x0304))
                                .u16(Wire.EXT_KEY_SHARE).vector16(k -> k.u16(29).vector16(x -> x.bytes(share)))));
                byte[] rec = ClientHello.frame(Wire.HANDSHAKE, 0x0303, sh.toByteArray());
                f.feed(rec, 0, rec.length);
            }
            byte[] rec = ClientHello.frame(type, 0x0303, body);
            f.feed(rec, 0, rec.length);
        } catch (WireFormatException expected) {
            // fine: documented failure
        }
    }

    /** Where the bytes are cut does not change what is parsed. */
    @Property(tries = 500)
    void chunkingDoesNotChangeTheMessages(@ForAll("flights") byte[] stream, @ForAll @IntRange(min = 1, max = 50) int chunk) {
        ServerFlight whole = new ServerFlight();
        whole.feed(stream, 0, stream.length);
        ServerFlight parts = new ServerFlight();
        for (int i = 0; i < stream.length; i += chunk) {
            parts.feed(stream, i, Math.min(chunk, stream.length - i));
        }
        assertThat(describe(parts.messages())).isEqualTo(describe(whole.messages()));
        assertThat(whole.messages()).hasSize(3);
    }

    /** The messages with every byte array shown as hex, so equal content compares equal. */
    static List<String> describe(List<ServerMessage> messages) {
        List<String> out = new ArrayList<>();
        for (ServerMessage m : messages) {
            if (m instanceof ServerMessage.Hello h) {
                ServerHello s = h.hello();
                out.add("hello " + s.legacyVersion() + " " + Bytes.hex(s.random()) + " " + Bytes.hex(s.sessionId())
                        + " " + s.cipherSuite() + " " + s.compression() + " " + s.extensions().size());
            } else if (m instanceof ServerMessage.Certificates c) {
                out.add("certificates " + c.message().certificates().stream().map(Bytes::hex).toList());
            } else if (m instanceof ServerMessage.KeyExchange k) {
                out.add("ske " + Bytes.hex(k.body()));
            } else {
                out.add(m.toString());
            }
        }
        return out;
    }

    @Provide
    Arbitrary<byte[]> flights() {
        Arbitrary<byte[]> hello = Combinators.combine(Arbitraries.integers().between(0x0300, 0x0303),
                Arbitraries.integers().between(0, 0xFFFF), Arbitraries.bytes().array(byte[].class).ofSize(32))
                .as((v, suite, random) -> new WireWriter().u8(Wire.SERVER_HELLO)
                        .vector24(b -> b.bytes(Bytes.serverHelloBody(v, random, suite, 0))).toByteArray());
        Arbitrary<Integer> fragment = Arbitraries.integers().between(1, 80);
        return Combinators.combine(hello, fragment, Arbitraries.integers().between(0, 3)).as((h, frag, certs) -> {
            WireWriter hs = new WireWriter().bytes(h);
            hs.u8(Wire.CERTIFICATE).vector24(b -> b.vector24(l -> {
                for (int i = 0; i < certs; i++) {
                    l.vector24(c -> c.bytes(new byte[] {1, 2, 3, 4, 5}));
                }
            }));
            hs.u8(Wire.SERVER_HELLO_DONE).u24(0);
            byte[] all = hs.toByteArray();
            WireWriter out = new WireWriter();
            for (int i = 0; i < all.length; i += frag) {
                out.bytes(ClientHello.frame(Wire.HANDSHAKE, 0x0303,
                        java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + frag))));
            }
            return out.toByteArray();
        });
    }

    /** Whatever we write, we read back the same. */
    @Property(tries = 500)
    void clientHelloRoundTrips(@ForAll @Size(max = 300) List<@IntRange(max = 0xFFFF) Integer> suites,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(max = 255) Integer> compressions,
            @ForAll @Size(max = 5) List<@Size(max = 40) byte[]> extensionBodies,
            @ForAll @IntRange(max = 0xFFFF) int version) {
        List<Extension> ext = new ArrayList<>();
        for (int i = 0; i < extensionBodies.size(); i++) {
            ext.add(new Extension(1000 + i, extensionBodies.get(i)));
        }
        ClientHello h = new ClientHello(version, new byte[32], new byte[7], suites, compressions, ext);
        WireReader r = new WireReader(h.encode());
        r.u8("type");
        ClientHello back = ClientHello.parseBody(r.sub(r.u24("len"), "body"));
        r.expectEnd("message");
        assertThat(back.legacyVersion()).isEqualTo(version);
        assertThat(back.cipherSuites()).isEqualTo(suites);
        assertThat(back.compressions()).isEqualTo(compressions);
        assertThat(back.extensions()).hasSameSizeAs(ext);
        for (int i = 0; i < ext.size(); i++) {
            assertThat(back.extensions().get(i).data()).isEqualTo(ext.get(i).data());
        }
    }
}
