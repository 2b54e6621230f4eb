package io.lifeboat.tls.engine;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The parser reads attacker-controlled bytes: it answers or gives nothing, never throws. */
class ClientHelloParserPropertiesTest {

    @Property(tries = 500)
    void neverThrowsOnArbitraryBytes(@ForAll byte[] bytes) {
        ClientHelloParser.parse(bytes, bytes.length);
    }

    @Property(tries = 300)
    void neverThrowsOnAnyTruncationOfARealHello(@ForAll("lengths") int cut) {
        byte[] hello = RawTls.clientHello(RawTls.TLS_1_0, RawTls.TLS_1_2, new int[] {0x1301, 0xc02b},
                new int[] {0x0304, 0x0303});
        ClientHelloParser.parse(hello, Math.min(cut, hello.length));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> lengths() {
        return net.jqwik.api.Arbitraries.integers().between(0, 300);
    }
}
