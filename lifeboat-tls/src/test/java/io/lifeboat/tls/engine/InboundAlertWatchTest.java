package io.lifeboat.tls.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.diagnosis.TlsAlert;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** The alert watch with bytes: records skipped whole, the alert found across any split. */
class InboundAlertWatchTest {
    /** A ChangeCipherSpec, then a 3-byte handshake record, then a fatal unknown_ca alert. */
    private static final byte[] STREAM = {20, 3, 3, 0, 1, 1, 22, 3, 3, 0, 3, 1, 2, 3, 21, 3, 3, 0, 2, 2, 48};

    @Test
    void findsThePlaintextAlertWhereverTheStreamIsCut() {
        for (int cut = 0; cut <= STREAM.length; cut++) {
            InboundAlertWatch w = new InboundAlertWatch();
            w.feed(Unpooled.wrappedBuffer(STREAM, 0, cut));
            w.feed(Unpooled.wrappedBuffer(STREAM, cut, STREAM.length - cut));
            assertThat(w.alert()).as("cut at %d", cut).contains(TlsAlert.UNKNOWN_CA);
        }
    }

    @Test
    void aProtectedRecordOrAWarningIsNotAnAlertAndGarbageStopsTheWatch() {
        InboundAlertWatch w = new InboundAlertWatch();
        w.feed(Unpooled.wrappedBuffer(new byte[] {23, 3, 3, 0, 2, 2, 48, 21, 3, 3, 0, 2, 1, 0}));
        assertThat(w.alert()).isEmpty();
        assertThat(w.done()).isTrue();
        InboundAlertWatch g = new InboundAlertWatch();
        g.feed(Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(g.done()).isTrue();
        assertThat(g.alert()).isEmpty();
    }
}
