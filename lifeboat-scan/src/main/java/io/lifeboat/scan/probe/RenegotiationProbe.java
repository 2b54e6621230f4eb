package io.lifeboat.scan.probe;

import io.lifeboat.scan.net.Until;
import io.lifeboat.tls.wire.Wire;
import io.lifeboat.tls.ProtocolVersion;
import java.util.List;
import java.util.Optional;

/**
 * Secure renegotiation (RFC 5746): a hello at the newest accepted version up to TLS 1.2 carrying
 * TLS_EMPTY_RENEGOTIATION_INFO_SCSV. A server that implements RFC 5746 answers with a
 * renegotiation_info extension; one that does not leaves renegotiation open to the 2009 prefix attack.
 * Not applicable to TLS 1.3, which has no renegotiation.
 */
final class RenegotiationProbe implements Probe {

    @Override
    public void run(ProbeContext ctx) throws InterruptedException {
        String id = ProbeKind.RENEGOTIATION.id();
        Optional<ProtocolVersion> v = LegacyVersions.newest(ctx.facts());
        if (v.isEmpty()) {
            ctx.facts().verdict(ProbeKind.RENEGOTIATION, Verdict.NOT_APPLICABLE);
            ctx.facts().attempt(ProbeAttempt.notRun(id, "not_applicable", "no version below TLSv1.3 accepted"));
            return;
        }
        List<Integer> suites = ctx.facts().version(v.get()).orElseThrow().chosen();
        HelloOutcome o = HelloOutcome.of(ctx.exchange(ctx.hellos().hello(v.get(), suites), Until.SERVER_HELLO),
                v.get(), suites);
        if (o instanceof HelloOutcome.Accepted a && a.hello().isPresent()) {
            boolean ri = a.hello().get().hasExtension(Wire.EXT_RENEGOTIATION_INFO);
            ctx.facts().verdict(ProbeKind.RENEGOTIATION, ri ? Verdict.SUPPORTED : Verdict.NOT_SUPPORTED);
            ctx.facts().attempt(ProbeAttempt.completed(id, ri ? "renegotiation_info in the " + v.get() + " ServerHello"
                    : "no renegotiation_info in the " + v.get() + " ServerHello"));
            return;
        }
        ctx.facts().verdict(ProbeKind.RENEGOTIATION, Verdict.UNKNOWN);
        String why = o instanceof HelloOutcome.Failed f ? f.failure().toString() : ((HelloOutcome.Refused) o).why();
        ctx.facts().attempt(new ProbeAttempt(id, ProbeAttempt.Status.ERROR, "unexpected_answer", why));
    }
}
