package io.lifeboat.tls.diagnosis;

import io.lifeboat.tls.engine.EngineFailure;
import io.lifeboat.tls.engine.HandshakeRefusal;
import io.lifeboat.tls.diagnosis.rules.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what a connection attempt saw into a {@link Verdict}. Pure: no sockets, no clock, no files;
 * the agent, the vault and the doctor all call it with evidence their adapters gathered.
 */
public final class Classifier {
    private Classifier() {
    }

    /** The client side: the first rule of {@link Rules#ALL} that fires, else healthy or unclassified. */
    public static Verdict classify(ConnectionEvidence e) {
        for (CauseRule rule : Rules.ALL) {
            Optional<Diagnosis> d = rule.evaluate(e);
            if (d.isPresent()) {
                return new Verdict.Diagnosed(d.get());
            }
        }
        if (healthy(e)) {
            return new Verdict.Healthy(EvidenceSummary.lines(e));
        }
        return new Verdict.Unclassified(EvidenceSummary.lines(e));
    }

    private static boolean healthy(ConnectionEvidence e) {
        if (!e.handshakeCompleted() || e.alertReceived() != null) {
            return false;
        }
        if (e.serverCertificate() != null && !e.serverCertificate().trusted()) {
            return false;
        }
        if (e.http() != null) {
            return e.http().status() < 500 && !e.http().refusesIdentity();
        }
        return e.transportEnd() == TransportEnd.NONE || e.transportEnd() == TransportEnd.READ_TIMEOUT;
    }

    /**
     * The server side: why a server refused a client's handshake, from what its ClientHello peek saw
     * ({@link HandshakeRefusal}), when the evidence names a cause.
     */
    public static Optional<Diagnosis> classifyRefusal(HandshakeRefusal r) {
        String offered = r.offered().map(o -> "at most " + o.highestName() + " (" + o.describe() + ")")
                .orElse("a hello that could not be read");
        EngineFailure f = r.failure();
        List<String> ev = new ArrayList<>();
        ev.add("client " + r.remote() + " offered " + offered);
        ev.add("TLS engine: " + r.cause());
        ev.add(f.describe());
        if (r.oldProtocol()) {
            ev.add("the server answered with alert protocol_version: it speaks TLS 1.2 and 1.3 only");
            return Optional.of(new Diagnosis(CauseId.CLIENT_LEGACY_TLS_ONLY, ev,
                    "enable TLS 1.2 on the client " + r.remote() + ": on Windows, " + Facts.WINDOWS_TLS12));
        }
        if (f.clientRefusedServerCertificate()) {
            // The client's alert about OUR certificate: the vault's chain is not what the client trusts.
            return Optional.of(new Diagnosis(CauseId.UNTRUSTED_CERTIFICATE, ev,
                    "the client " + r.remote() + " does not accept this vault's certificate ("
                            + f.alert().orElseThrow().standardName() + "): it trusts another CA (an agent enrolled with"
                            + " another vault, a TLS-inspecting proxy on its path, or a client given the wrong --ca);"
                            + " run `lifeboat doctor` on the client"));
        }
        if (f.direction() == EngineFailure.Direction.SENT) {
            switch (f.reason()) {
                case NO_SHARED_CIPHER -> {
                    if (r.offered().map(o -> !o.belowTls12()).orElse(false)) {
                        return Optional.of(new Diagnosis(CauseId.NO_SHARED_CIPHER, ev,
                                "the client " + r.remote() + " offers no suite of the TLS12_PLUS policy (ECDHE with"
                                        + " AES-GCM or ChaCha20-Poly1305): on a Windows client, " + Facts.WINDOWS_TLS12));
                    }
                }
                case CLIENT_CERTIFICATE_INVALID -> {
                    return Optional.of(new Diagnosis(CauseId.CLIENT_CERTIFICATE_REJECTED, ev,
                            "the client " + r.remote() + " presented a machine certificate this vault does not accept"
                                    + " (expired, or from another vault): enrol it again with a token from"
                                    + " `lifeboat vault enroll`"));
                }
                case CLIENT_CERTIFICATE_MISSING -> {
                    return Optional.of(new Diagnosis(CauseId.CLIENT_CERTIFICATE_REQUIRED, ev,
                            "the client " + r.remote() + " sent no machine certificate: enrol it"
                                    + " (`lifeboat vault enroll`, then `lifeboat agent enroll TOKEN`)"));
                }
                default -> {
                    // no cause named by this alert alone
                }
            }
        }
        if (f.reason() == EngineFailure.Reason.TIMEOUT) {
            return Optional.of(new Diagnosis(CauseId.TIMEOUT, ev,
                    "the client " + r.remote() + " started a handshake and then sent nothing more: a network path"
                            + " that drops large packets (an MTU black hole: check the VPN or tunnel MTU), a"
                            + " client that hung, or a scanner; `lifeboat doctor` on the client tells which"));
        }
        if (f.reason() == EngineFailure.Reason.NOT_TLS && r.offered().isEmpty()) {
            return Optional.of(new Diagnosis(CauseId.NOT_TLS, ev,
                    "the client " + r.remote() + " speaks plain text (HTTP?) to the vault's TLS port: use https://"
                            + " or a Lifeboat agent"));
        }
        return Optional.empty();
    }
}
