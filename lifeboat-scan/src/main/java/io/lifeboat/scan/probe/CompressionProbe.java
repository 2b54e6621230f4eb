package io.lifeboat.scan.probe;

import io.lifeboat.scan.net.Until;
import io.lifeboat.tls.wire.Wire;
import io.lifeboat.tls.ProtocolVersion;
import java.util.List;
import java.util.Optional;

/**
 * TLS compression (the CRIME attack): a hello at the newest accepted version up to TLS 1.2 offering
 * DEFLATE before null. "supported" when the server picks DEFLATE. TLS 1.3 has no compression.
 */
final class CompressionProbe implements Probe {

    @Override
    public void run(ProbeContext ctx) throws InterruptedException {
        String id = ProbeKind.COMPRESSION.id();
        Optional<ProtocolVersion> v = LegacyVersions.newest(ctx.facts());
        if (v.isEmpty()) {
            ctx.facts().verdict(ProbeKind.COMPRESSION, Verdict.NOT_APPLICABLE);
            ctx.facts().attempt(ProbeAttempt.notRun(id, "not_applicable", "no version below TLSv1.3 accepted"));
            return;
        }
        List<Integer> suites = ctx.facts().version(v.get()).orElseThrow().chosen();
        HelloFactory.Options o = HelloFactory.Options.standard()
                .withCompressions(List.of(Wire.COMPRESSION_DEFLATE, Wire.COMPRESSION_NULL));
        HelloOutcome out = HelloOutcome.of(ctx.exchange(ctx.hellos().hello(v.get(), suites, o), Until.SERVER_HELLO),
                v.get(), suites);
        if (out instanceof HelloOutcome.Accepted a && a.hello().isPresent()) {
            boolean deflate = a.hello().get().compression() == Wire.COMPRESSION_DEFLATE;
            ctx.facts().verdict(ProbeKind.COMPRESSION, deflate ? Verdict.SUPPORTED : Verdict.NOT_SUPPORTED);
            ctx.facts().attempt(ProbeAttempt.completed(id, "compression method " + a.hello().get().compression()
                    + " chosen at " + v.get()));
            return;
        }
        ctx.facts().verdict(ProbeKind.COMPRESSION, Verdict.UNKNOWN);
        String why = out instanceof HelloOutcome.Failed f ? f.failure().toString() : ((HelloOutcome.Refused) out).why();
        ctx.facts().attempt(new ProbeAttempt(id, ProbeAttempt.Status.ERROR, "unexpected_answer", why));
    }
}
