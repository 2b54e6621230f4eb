package io.lifeboat.scan.probe;

import io.lifeboat.scan.net.Answer;
import io.lifeboat.scan.net.Until;
import io.lifeboat.tls.diagnosis.TlsAlert;
import io.lifeboat.tls.wire.Wire;
import io.lifeboat.tls.ProtocolVersion;
import java.util.List;

/**
 * TLS_FALLBACK_SCSV (RFC 7507): offer the second-newest accepted version with the 0x5600 signalling
 * value, as a client retrying after a failed handshake would. A server that supports it must answer
 * with an inappropriate_fallback alert; one that answers with a ServerHello does not. Not applicable
 * when fewer than two versions (SSL 3.0 and newer) are accepted: there is nothing to fall back to.
 */
final class FallbackScsvProbe implements Probe {

    @Override
    public void run(ProbeContext ctx) throws InterruptedException {
        String id = ProbeKind.FALLBACK_SCSV.id();
        List<ProtocolVersion> versions = ctx.facts().acceptedVersions().stream()
                .filter(v -> v != ProtocolVersion.SSL_2_0).toList();
        if (versions.size() < 2) {
            ctx.facts().verdict(ProbeKind.FALLBACK_SCSV, Verdict.NOT_APPLICABLE);
            ctx.facts().attempt(ProbeAttempt.notRun(id, "not_applicable",
                    versions.size() + " version(s) accepted; fallback needs two"));
            return;
        }
        ProtocolVersion lower = versions.get(versions.size() - 2);
        List<Integer> suites = ctx.facts().version(lower).orElseThrow().chosen();
        HelloFactory.Options o = HelloFactory.Options.standard().withExtraValues(List.of(Wire.TLS_FALLBACK_SCSV));
        Answer a = ctx.exchange(ctx.hellos().hello(lower, suites, o), Until.SERVER_HELLO);
        HelloOutcome outcome = HelloOutcome.of(a, lower, suites);
        if (a.alert().map(al -> al.description() == TlsAlert.INAPPROPRIATE_FALLBACK.code()).orElse(false)) {
            ctx.facts().verdict(ProbeKind.FALLBACK_SCSV, Verdict.SUPPORTED);
            ctx.facts().attempt(ProbeAttempt.completed(id, "inappropriate_fallback alert for a " + lower + " fallback hello"));
        } else if (outcome instanceof HelloOutcome.Accepted) {
            ctx.facts().verdict(ProbeKind.FALLBACK_SCSV, Verdict.NOT_SUPPORTED);
            ctx.facts().attempt(ProbeAttempt.completed(id, "the server accepted a " + lower + " fallback hello"));
        } else {
            ctx.facts().verdict(ProbeKind.FALLBACK_SCSV, Verdict.UNKNOWN);
            String why = outcome instanceof HelloOutcome.Failed f ? f.failure().toString()
                    : ((HelloOutcome.Refused) outcome).why();
            ctx.facts().attempt(new ProbeAttempt(id, ProbeAttempt.Status.ERROR, "unexpected_answer",
                    "neither inappropriate_fallback nor a ServerHello: " + why));
        }
    }
}
