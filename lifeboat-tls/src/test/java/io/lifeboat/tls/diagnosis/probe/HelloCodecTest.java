package io.lifeboat.tls.diagnosis.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.diagnosis.HelloProbeResult;
import io.lifeboat.tls.diagnosis.TlsAlert;
import io.lifeboat.tls.engine.ClientHelloParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe's follow-up hello and its reader of the answer (both the shared codec), tested with bytes. */
class HelloCodecTest {

    @Test
    void theLegacyHelloOffersTls11AndTheVaultsPeekReadsItSo() {
        byte[] hello = HelloProbe.encode(ProtocolVersion.TLS_1_1, HelloProbe.LEGACY_SUITES, "vault.example");
        assertThat(hello[0]).isEqualTo((byte) 0x16);
        assertThat(((hello[3] & 0xff) << 8 | (hello[4] & 0xff)) + 5).isEqualTo(hello.length);
        var offered = ClientHelloParser.parse(hello, hello.length).orElseThrow();
        assertThat(offered.highest()).contains(ProtocolVersion.TLS_1_1);
        assertThat(offered.belowTls12()).isTrue();
        assertThat(new String(hello, java.nio.charset.StandardCharsets.US_ASCII)).contains("vault.example");
    }

    @Test
    void readsAServerHelloSplitAcrossRecords() throws Exception {
        byte[] hs = serverHello(0x0302, 0xc013);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(record(0x16, java.util.Arrays.copyOfRange(hs, 0, 10)));
        wire.writeBytes(record(0x16, java.util.Arrays.copyOfRange(hs, 10, hs.length)));
        HelloProbeResult r = read(wire.toByteArray());
        assertThat(r.outcome()).isEqualTo(HelloProbeResult.Outcome.SERVER_HELLO);
        assertThat(r.version()).isEqualTo(ProtocolVersion.TLS_1_1);
        assertThat(r.suiteName()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
    }

    @Test
    void readsAnAlert() throws Exception {
        HelloProbeResult r = read(record(0x15, new byte[] {2, 70}));
        assertThat(r.outcome()).isEqualTo(HelloProbeResult.Outcome.ALERT);
        assertThat(r.alert()).isEqualTo(TlsAlert.PROTOCOL_VERSION);
    }

    @Test
    void plainTextAndTruncationAreRecordedAttemptsNotCrashes() throws Exception {
        assertThat(read("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes()).outcome())
                .isEqualTo(HelloProbeResult.Outcome.NOT_TLS);
        byte[] hs = serverHello(0x0303, 0x002f);
        byte[] cut = java.util.Arrays.copyOf(record(0x16, hs), 20);
        try {
            read(cut);
        } catch (PeerStream.Ended e) {
            assertThat(e.end).isEqualTo(io.lifeboat.tls.diagnosis.TransportEnd.EOF);
            return;
        }
        throw new AssertionError("a truncated answer must end as EOF");
    }

    @Test
    void oversizedOrForeignRecordsAreNotTls() throws Exception {
        byte[] huge = {0x16, 0x03, 0x03, (byte) 0xff, (byte) 0xff};
        assertThat(read(huge).outcome()).isEqualTo(HelloProbeResult.Outcome.NOT_TLS);
    }

    private static HelloProbeResult read(byte[] wire) throws Exception {
        return HelloAnswer.read(new PeerStream(new ByteArrayInputStream(wire)), "test");
    }

    private static byte[] serverHello(int version, int suite) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(version >> 8);
        body.write(version & 0xff);
        body.writeBytes(new byte[32]);
        body.write(0);
        body.write(suite >> 8);
        body.write(suite & 0xff);
        body.write(0);
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        hs.write(2);
        hs.write(0);
        hs.write(0);
        hs.write(body.size());
        hs.writeBytes(body.toByteArray());
        return hs.toByteArray();
    }

    private static byte[] record(int type, byte[] body) {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.write(type);
        r.write(3);
        r.write(3);
        r.write(body.length >> 8);
        r.write(body.length & 0xff);
        r.writeBytes(body);
        return r.toByteArray();
    }

    @Test
    void httpAnswersAreParsedWithTheirDate() {
        var a = Http.parse(("HTTP/1.1 403 Forbidden\r\nDate: Sat, 28 Nov 2026 12:00:00 GMT\r\nContent-Length: 9\r\n\r\n"
                + "{\"x\":\"y\"}").getBytes());
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.refusesIdentity()).isTrue();
        assertThat(a.date()).isEqualTo(java.time.Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(a.body()).isEqualTo("{\"x\":\"y\"}");
        assertThat(Http.parse("SSH-2.0-x".getBytes())).isNull();
        assertThat(Http.complete("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab".getBytes())).isFalse();
        assertThat(Http.complete("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nab".getBytes())).isTrue();
    }

    @Test
    void failuresReadTheReceivedAlert() {
        var e = new javax.net.ssl.SSLHandshakeException("Received fatal alert: certificate_required");
        assertThat(Failures.receivedAlert(new java.io.IOException("wrapped", e))).contains(TlsAlert.CERTIFICATE_REQUIRED);
        assertThat(Failures.receivedAlert(new java.io.IOException("other"))).isEmpty();
        assertThat(List.of(TlsAlert.values())).allMatch(a -> TlsAlert.fromCode(a.code()).orElseThrow() == a);
    }
}
