package io.lifeboat.scan.probe;

import io.lifeboat.scan.net.Until;
import io.lifeboat.tls.wire.ServerHello;
import io.lifeboat.tls.ProtocolVersion;
import java.util.List;

/**
 * The RFC 8446 §4.1.3 downgrade sentinel. When the server accepts TLS 1.3 and TLS 1.2, a TLS 1.2
 * hello must be answered with a random ending "DOWNGRD\1"; when it also accepts TLS 1.1 or 1.0, an
 * answer at that version should end "DOWNGRD\0" (reported separately, a SHOULD in the RFC).
 * Not applicable without TLS 1.3 and an older version.
 */
final class DowngradeSentinelProbe implements Probe {

    @Override
    public void run(ProbeContext ctx) throws InterruptedException {
        String id = ProbeKind.DOWNGRADE_SENTINEL.id();
        TargetFacts facts = ctx.facts();
        if (!facts.accepted(ProtocolVersion.TLS_1_3) || !facts.accepted(ProtocolVersion.TLS_1_2)) {
            facts.verdict(ProbeKind.DOWNGRADE_SENTINEL, Verdict.NOT_APPLICABLE);
            facts.attempt(ProbeAttempt.notRun(id, "not_applicable", "needs both TLSv1.3 and TLSv1.2 accepted"));
        } else {
            Verdict v = check(ctx, ProtocolVersion.TLS_1_2, id);
            facts.verdict(ProbeKind.DOWNGRADE_SENTINEL, v);
        }
        ProtocolVersion old = facts.accepted(ProtocolVersion.TLS_1_1) ? ProtocolVersion.TLS_1_1
                : facts.accepted(ProtocolVersion.TLS_1_0) ? ProtocolVersion.TLS_1_0 : null;
        if (facts.accepted(ProtocolVersion.TLS_1_3) && old != null) {
            facts.tls11Sentinel(check(ctx, old, id + ":" + old.standardName()));
        }
    }

    private Verdict check(ProbeContext ctx, ProtocolVersion v, String id) throws InterruptedException {
        List<Integer> suites = ctx.facts().version(v).orElseThrow().chosen();
        HelloOutcome o = HelloOutcome.of(ctx.exchange(ctx.hellos().hello(v, suites), Until.SERVER_HELLO), v, suites);
        if (o instanceof HelloOutcome.Accepted a && a.hello().isPresent()) {
            ServerHello h = a.hello().get();
            boolean ok = v == ProtocolVersion.TLS_1_2 ? h.tls12DowngradeSentinel() : h.tls11DowngradeSentinel();
            ctx.facts().attempt(ProbeAttempt.completed(id, ok ? "sentinel present in the " + v + " ServerHello"
                    : "no sentinel in the " + v + " ServerHello"));
            return ok ? Verdict.SUPPORTED : Verdict.NOT_SUPPORTED;
        }
        String why = o instanceof HelloOutcome.Failed f ? f.failure().toString() : ((HelloOutcome.Refused) o).why();
        ctx.facts().attempt(new ProbeAttempt(id, ProbeAttempt.Status.ERROR, "unexpected_answer",
                "a " + v + " hello that was accepted before was not now: " + why));
        return Verdict.UNKNOWN;
    }
}
