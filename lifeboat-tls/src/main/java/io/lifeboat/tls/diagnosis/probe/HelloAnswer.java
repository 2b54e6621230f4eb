package io.lifeboat.tls.diagnosis.probe;

import io.lifeboat.tls.CipherSuite;
import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.diagnosis.HelloProbeResult;
import io.lifeboat.tls.diagnosis.TlsAlert;
import io.lifeboat.tls.wire.ServerFlight;
import io.lifeboat.tls.wire.ServerHello;
import io.lifeboat.tls.wire.ServerMessage;
import io.lifeboat.tls.wire.WireFormatException;
import java.io.IOException;

/**
 * Reads the server's first answer to a follow-up hello with the shared codec's push parser
 * ({@link ServerFlight}): a ServerHello (version and suite), an alert, or something else. A malformed
 * answer is a recorded attempt, not an exception; the transport's end is {@link PeerStream.Ended}.
 */
final class HelloAnswer {
    private HelloAnswer() {
    }

    static HelloProbeResult read(PeerStream in, String offered) throws IOException {
        ServerFlight flight = new ServerFlight();
        byte[] chunk = new byte[4096];
        while (true) {
            int n = in.read(chunk, 0, chunk.length);
            try {
                flight.feed(chunk, 0, n);
            } catch (WireFormatException e) {
                return HelloProbeResult.other(HelloProbeResult.Outcome.NOT_TLS, offered,
                        "the answer is not a TLS record (" + e.getMessage() + ")");
            }
            for (ServerMessage m : flight.messages()) {
                if (m instanceof ServerMessage.AlertReceived a) {
                    return TlsAlert.fromCode(a.alert().description()).map(t -> HelloProbeResult.alert(offered, t))
                            .orElse(HelloProbeResult.other(HelloProbeResult.Outcome.FAILED, offered,
                                    "unknown alert " + a.alert().description()));
                }
                if (m instanceof ServerMessage.Hello h) {
                    return serverHello(h.hello(), offered);
                }
                if (m instanceof ServerMessage.Ssl2Hello) {
                    return HelloProbeResult.other(HelloProbeResult.Outcome.FAILED, offered, "an SSL 2.0 answer");
                }
                return HelloProbeResult.other(HelloProbeResult.Outcome.FAILED, offered,
                        "the first message is " + m + ", not a ServerHello");
            }
        }
    }

    private static HelloProbeResult serverHello(ServerHello h, String offered) {
        int version = h.negotiatedVersion();
        ProtocolVersion v = ProtocolVersion.fromWireId(version).orElse(null);
        if (v == null) {
            return HelloProbeResult.other(HelloProbeResult.Outcome.FAILED, offered,
                    String.format("ServerHello with unknown version 0x%04x", version));
        }
        int suite = h.cipherSuite();
        String name = CipherSuite.fromId(suite).map(CipherSuite::ianaName).orElse(String.format("0x%04x", suite));
        return HelloProbeResult.serverHello(offered, v, suite, name);
    }
}
