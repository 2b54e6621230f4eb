package io.lifeboat.tls.diagnosis.probe;

import io.lifeboat.tls.CipherSuite;
import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.diagnosis.HelloProbeResult;
import io.lifeboat.tls.diagnosis.TlsAlert;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Reads the server's first answer to a hand-made hello: a ServerHello (version and suite), an
 * alert, or something else. Bounds-checked; a malformed answer is a recorded attempt, not an exception.
 */
final class ServerHelloReader {
    private static final int MAX_RECORD = 18_432;

    private ServerHelloReader() {
    }

    static HelloProbeResult read(WireReader in, String offered) throws IOException {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        while (true) {
            byte[] header = new byte[5];
            in.readFully(header, 0, 5);
            int type = header[0] & 0xff;
            int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
            if ((type != 0x16 && type != 0x15) || (header[1] & 0xff) != 3 || length == 0 || length > MAX_RECORD) {
                return HelloProbeResult.other(HelloProbeResult.Outcome.NOT_TLS, offered,
                        "the answer is not a TLS record");
            }
            byte[] body = new byte[length];
            in.readFully(body, 0, length);
            if (type == 0x15) {
                return length >= 2 ? TlsAlert.fromCode(body[1] & 0xff).map(a -> HelloProbeResult.alert(offered, a))
                        .orElse(HelloProbeResult.other(HelloProbeResult.Outcome.FAILED, offered,
                                "unknown alert " + (body[1] & 0xff)))
                        : HelloProbeResult.other(HelloProbeResult.Outcome.FAILED, offered, "short alert record");
            }
            handshake.writeBytes(body);
            HelloProbeResult r = parse(handshake.toByteArray(), offered);
            if (r != null) {
                return r;
            }
        }
    }

    /** Null when more bytes are needed. */
    private static HelloProbeResult parse(byte[] hs, String offered) {
        if (hs.length < 1) {
            return null;
        }
        if ((hs[0] & 0xff) != 2) {
            return HelloProbeResult.other(HelloProbeResult.Outcome.FAILED, offered,
                    "the first handshake message is type " + (hs[0] & 0xff) + ", not a ServerHello");
        }
        int sidAt = 4 + 2 + 32;
        if (hs.length < sidAt + 1) {
            return null;
        }
        int sidLen = hs[sidAt] & 0xff;
        int suiteAt = sidAt + 1 + sidLen;
        if (sidLen > 32) {
            return HelloProbeResult.other(HelloProbeResult.Outcome.FAILED, offered, "malformed ServerHello");
        }
        if (hs.length < suiteAt + 2) {
            return null;
        }
        int version = ((hs[4] & 0xff) << 8) | (hs[5] & 0xff);
        int suite = ((hs[suiteAt] & 0xff) << 8) | (hs[suiteAt + 1] & 0xff);
        ProtocolVersion v = ProtocolVersion.fromWireId(version).orElse(null);
        if (v == null) {
            return HelloProbeResult.other(HelloProbeResult.Outcome.FAILED, offered,
                    String.format("ServerHello with unknown version 0x%04x", version));
        }
        String name = CipherSuite.fromId(suite).map(CipherSuite::ianaName).orElse(String.format("0x%04x", suite));
        return HelloProbeResult.serverHello(offered, v, suite, name);
    }
}
