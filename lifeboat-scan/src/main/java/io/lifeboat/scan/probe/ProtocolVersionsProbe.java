package io.lifeboat.scan.probe;

import io.lifeboat.scan.net.Until;
import io.lifeboat.tls.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Which versions, SSL 2.0 to TLS 1.3, the server accepts. For each version every candidate bundle is
 * offered once, all concurrently: a version is accepted when the server answers some bundle with a
 * ServerHello of exactly that version (an SSL 2.0 SERVER-HELLO for SSL 2.0; supported_versions for
 * TLS 1.3). An alert, an older version or a silent close is a refusal; a timeout or garbage is an
 * error attempt and leaves the version "not accepted, unknown".
 */
final class ProtocolVersionsProbe implements Probe {

    @Override
    public void run(ProbeContext ctx) throws InterruptedException {
        List<Callable<Void>> perVersion = new ArrayList<>();
        for (ProtocolVersion v : ProtocolVersion.values()) {
            perVersion.add(() -> {
                probe(ctx, v);
                return null;
            });
        }
        ctx.parallel(perVersion);
    }

    private void probe(ProbeContext ctx, ProtocolVersion v) throws InterruptedException {
        List<List<Integer>> bundles = SuiteCatalog.bundles(SuiteCatalog.candidates(v), ctx.options().bundleSize());
        List<Callable<HelloOutcome>> jobs = new ArrayList<>();
        for (List<Integer> bundle : bundles) {
            jobs.add(() -> HelloOutcome.of(ctx.exchange(ctx.hellos().hello(v, bundle), Until.SERVER_HELLO), v, bundle));
        }
        List<HelloOutcome> outcomes = ctx.parallel(jobs);
        List<Integer> picks = new ArrayList<>();
        HelloOutcome.Failed failed = null;
        String refusal = "";
        for (HelloOutcome o : outcomes) {
            if (o instanceof HelloOutcome.Accepted || o instanceof HelloOutcome.Refused r && !r.silent()) {
                ctx.facts().tlsAnswered();
            }
            if (o instanceof HelloOutcome.Accepted a) {
                if (v == ProtocolVersion.SSL_2_0) {
                    picks.addAll(a.ssl2().orElseThrow().cipherSpecs());
                } else {
                    picks.add(a.suite());
                }
            } else {
                if (v != ProtocolVersion.SSL_2_0) {
                    picks.add(-1);
                }
                if (o instanceof HelloOutcome.Failed f && failed == null) {
                    failed = f;
                } else if (o instanceof HelloOutcome.Refused r) {
                    refusal = r.why();
                }
            }
        }
        boolean accepted = picks.stream().anyMatch(p -> p >= 0);
        ctx.facts().version(new VersionSupport(v, accepted, picks));
        String id = ProbeKind.PROTOCOL_VERSIONS.id() + ":" + v.standardName();
        if (accepted) {
            ctx.facts().attempt(ProbeAttempt.completed(id, "accepted"));
        } else if (failed != null) {
            ctx.facts().attempt(ProbeAttempt.error(id, failed.failure()));
        } else {
            ctx.facts().attempt(ProbeAttempt.completed(id, "refused: " + refusal));
        }
    }
}
