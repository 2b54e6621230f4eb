package io.lifeboat.scan.probe;

import io.lifeboat.scan.net.Answer;
import io.lifeboat.scan.net.Failure;
import io.lifeboat.scan.net.FailureReason;
import io.lifeboat.tls.wire.ServerHello;
import io.lifeboat.tls.wire.ServerMessage;
import io.lifeboat.tls.wire.Ssl2ServerHello;
import io.lifeboat.tls.ProtocolVersion;
import java.util.Collection;
import java.util.Optional;

/**
 * How one hello at one version fared: the server accepted it (and chose this suite), refused it (an
 * alert, an older version, or a clean close/reset before sending anything), or the job failed (a
 * timeout, garbage, a connection cut mid-answer, a suite we never offered).
 */
public sealed interface HelloOutcome {
    record Accepted(int suite, Optional<ServerHello> hello, Optional<Ssl2ServerHello> ssl2) implements HelloOutcome { }

    /** @param silent closed or reset before sending a single byte (no alert: a TLS server or not) */
    record Refused(String why, boolean silent) implements HelloOutcome {
        Refused(String why) {
            this(why, false);
        }
    }

    record Failed(Failure failure) implements HelloOutcome { }

    static HelloOutcome of(Answer a, ProtocolVersion version, Collection<Integer> offered) {
        for (ServerMessage m : a.messages()) {
            if (m instanceof ServerMessage.Ssl2Hello s) {
                Ssl2ServerHello h = s.hello();
                if (version != ProtocolVersion.SSL_2_0) {
                    return new Failed(new Failure(FailureReason.UNEXPECTED_ANSWER, "SSL 2.0 answer to a " + version + " hello"));
                }
                if (h.version() != 0x0002 || h.cipherSpecs().isEmpty()) {
                    return new Refused("SSL 2.0 SERVER-HELLO without a common cipher");
                }
                return new Accepted(h.cipherSpecs().get(0), Optional.empty(), Optional.of(h));
            }
            if (m instanceof ServerMessage.Hello sh) {
                ServerHello h = sh.hello();
                int v = h.negotiatedVersion();
                if (v == version.wireId()) {
                    if (!offered.contains(h.cipherSuite())) {
                        return new Failed(new Failure(FailureReason.UNEXPECTED_ANSWER,
                                String.format("the server chose suite 0x%04X, which was not offered", h.cipherSuite())));
                    }
                    return new Accepted(h.cipherSuite(), Optional.of(h), Optional.empty());
                }
                if (v < version.wireId()) {
                    return new Refused(String.format("answered with version 0x%04X", v));
                }
                return new Failed(new Failure(FailureReason.UNEXPECTED_ANSWER,
                        String.format("answered with version 0x%04X, newer than offered", v)));
            }
        }
        Optional<Failure> f = a.failure();
        if (a.alert().isPresent()) {
            return new Refused("alert " + a.alert().get());
        }
        if (f.isPresent() && a.bytesReceived() == 0 && (f.get().reason() == FailureReason.CONNECTION_CLOSED
                || f.get().reason() == FailureReason.CONNECTION_RESET)) {
            return new Refused(f.get().reason().code() + " without answering", true);
        }
        return new Failed(f.orElse(new Failure(FailureReason.UNEXPECTED_ANSWER, "no ServerHello in the answer")));
    }
}
