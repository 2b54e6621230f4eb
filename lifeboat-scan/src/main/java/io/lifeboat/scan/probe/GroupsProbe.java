package io.lifeboat.scan.probe;

import io.lifeboat.scan.net.Answer;
import io.lifeboat.scan.net.Until;
import io.lifeboat.tls.wire.ServerHello;
import io.lifeboat.tls.wire.ServerKeyExchange;
import io.lifeboat.tls.wire.WireFormatException;
import io.lifeboat.tls.wire.WireReader;
import io.lifeboat.tls.CipherSuite;
import io.lifeboat.tls.KeyExchange;
import io.lifeboat.tls.NamedGroup;
import io.lifeboat.tls.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key-exchange groups the server accepts, in the order it picks them.
 *
 * <p>TLS 1.3: offer every group in supported_groups with an EMPTY key_share; the server must answer
 * with a HelloRetryRequest naming its choice. Remove it and ask again until it refuses. TLS 1.2 and
 * below (when no TLS 1.3): offer the accepted ECDHE suites and read the curve from each
 * ServerKeyExchange, removing curves the same way. There, supported_groups also limits the curve of
 * an ECDSA certificate (RFC 8422 §5.1), so a refusal right after removing a curve may only mean "my
 * certificate's curve is gone": the probe then keeps that curve at the END of the offer and goes on
 * until the server picks it again or refuses. No ECDHE at all: not applicable.
 */
final class GroupsProbe implements Probe {

    @Override
    public void run(ProbeContext ctx) throws InterruptedException {
        String id = ProbeKind.GROUPS.id();
        TargetFacts facts = ctx.facts();
        if (facts.accepted(ProtocolVersion.TLS_1_3)) {
            enumerate(ctx, ProtocolVersion.TLS_1_3, List.of(), id);
            return;
        }
        for (ProtocolVersion v : List.of(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0,
                ProtocolVersion.SSL_3_0)) {
            if (!facts.accepted(v)) {
                continue;
            }
            List<Integer> ecdhe = SuiteCatalog.candidates(v).stream()
                    .filter(s -> CipherSuite.fromId(s).map(c -> c.keyExchange() == KeyExchange.ECDHE).orElse(false))
                    .toList();
            enumerate(ctx, v, ecdhe, id);
            return;
        }
        facts.attempt(ProbeAttempt.notRun(id, "not_applicable", "no version with elliptic-curve key exchange accepted"));
    }

    private void enumerate(ProbeContext ctx, ProtocolVersion v, List<Integer> suites, String id)
            throws InterruptedException {
        boolean tls13 = v == ProtocolVersion.TLS_1_3;
        List<Integer> left = new ArrayList<>();
        for (NamedGroup g : NamedGroup.values()) {
            if (tls13 || g.kind() == NamedGroup.Kind.EC) {
                left.add(g.wireId());
            }
        }
        List<Integer> offered = tls13 ? SuiteCatalog.candidates(v) : suites;
        List<Integer> chosen = new ArrayList<>();
        String error = null;
        Integer pinned = null; // TLS 1.2: the curve kept last in the offer for an ECDSA certificate
        while (!left.isEmpty()) {
            List<Integer> offer = new ArrayList<>(left);
            if (pinned != null) {
                offer.add(pinned);
            }
            HelloFactory.Options o = HelloFactory.Options.standard().withGroups(offer, false);
            Answer a = ctx.exchange(ctx.hellos().hello(v, offered, o), tls13 ? Until.SERVER_HELLO : Until.SERVER_HELLO_DONE);
            HelloOutcome outcome = HelloOutcome.of(a, v, offered);
            if (outcome instanceof HelloOutcome.Failed f) {
                error = f.failure().toString();
                break;
            }
            if (!(outcome instanceof HelloOutcome.Accepted acc)) {
                if (!tls13 && pinned == null && !chosen.isEmpty()) {
                    pinned = chosen.get(chosen.size() - 1); // perhaps the certificate's curve: keep it, last
                    continue;
                }
                break; // refused: no group left that it accepts
            }
            Optional<Integer> group = tls13 ? acc.hello().flatMap(ServerHello::keyShareGroup) : curve(a);
            if (pinned != null && group.equals(Optional.of(pinned))) {
                break; // it prefers the kept curve to everything left: nothing more can be told
            }
            if (group.isEmpty() || !left.contains(group.get())) {
                if (!tls13 && group.isEmpty() && a.serverKeyExchange().isEmpty()) {
                    error = "unexpected_answer: no ServerKeyExchange for an ECDHE suite";
                } else if (group.isPresent()) {
                    error = "unexpected_answer: the server chose group " + group.get() + ", which was not offered";
                } else {
                    error = "unexpected_answer: no group in the answer";
                }
                break;
            }
            chosen.add(group.get());
            left.remove(group.get());
        }
        ctx.facts().groups(new GroupList(v, chosen));
        if (error == null) {
            ctx.facts().attempt(ProbeAttempt.completed(id, chosen.size() + " group(s) at " + v));
        } else {
            ctx.facts().attempt(new ProbeAttempt(id, ProbeAttempt.Status.ERROR, error.split(":", 2)[0],
                    "list may be incomplete: " + error));
        }
    }

    private static Optional<Integer> curve(Answer a) {
        Optional<byte[]> ske = a.serverKeyExchange();
        if (ske.isEmpty()) {
            return Optional.empty();
        }
        try {
            ServerKeyExchange k = ServerKeyExchange.parseEcdhe(new WireReader(ske.get()));
            return k.namedCurve().isPresent() ? Optional.of(k.namedCurve().getAsInt()) : Optional.empty();
        } catch (WireFormatException e) {
            return Optional.empty();
        }
    }
}
