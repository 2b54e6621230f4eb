package io.lifeboat.scan.probe;

import io.lifeboat.scan.net.Answer;
import io.lifeboat.scan.net.Connector;
import io.lifeboat.scan.net.Failure;
import io.lifeboat.scan.net.FailureReason;
import io.lifeboat.scan.net.Until;
import io.lifeboat.tls.wire.CertificateMessage;
import io.lifeboat.tls.ProtocolVersion;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's certificate chain, judged. TLS 1.2 and below: read in the clear from the Certificate
 * message of a hello at the newest such version. TLS 1.3 only: read through the encrypted flight by
 * {@link Tls13ChainJob} with our own codec. Either way the chain is then judged
 * by {@code ChainJudge} (PKIX to the configured anchors, validity, self-signature, host name).
 */
final class CertificateProbe implements Probe {

    @Override
    public void run(ProbeContext ctx) throws InterruptedException {
        String id = ProbeKind.CERTIFICATE.id();
        Optional<ProtocolVersion> legacy = LegacyVersions.newest(ctx.facts());
        List<X509Certificate> chain;
        String source;
        try {
            if (legacy.isPresent()) {
                chain = fromHandshake(ctx, legacy.get());
                source = "handshake";
            } else if (ctx.facts().accepted(ProtocolVersion.TLS_1_3)) {
                chain = parse(Tls13ChainJob.read(ctx));
                source = "tls13";
            } else {
                ctx.facts().attempt(ProbeAttempt.notRun(id, "not_applicable", "no TLS version with certificates accepted"));
                return;
            }
        } catch (Connector.ExchangeFailure f) {
            ctx.facts().attempt(ProbeAttempt.error(id, f.failure()));
            return;
        } catch (ChainFailure f) {
            ctx.facts().attempt(ProbeAttempt.error(id, f.failure()));
            return;
        }
        if (chain.isEmpty()) {
            ctx.facts().attempt(ProbeAttempt.error(id, new Failure(FailureReason.UNEXPECTED_ANSWER, "the server sent no certificate")));
            return;
        }
        ctx.facts().certificate(ctx.options().chainJudge().judge(chain, ctx.target().expectedName(), source,
                ctx.options().clock().instant()));
        ctx.facts().attempt(ProbeAttempt.completed(id, chain.size() + " certificate(s) via " + source));
    }

    private List<X509Certificate> fromHandshake(ProbeContext ctx, ProtocolVersion v) throws InterruptedException {
        List<Integer> offer = ctx.facts().version(v).orElseThrow().chosen();
        Answer a = ctx.exchange(ctx.hellos().hello(v, offer), Until.SERVER_HELLO_DONE);
        Optional<CertificateMessage> msg = a.certificates();
        if (msg.isEmpty()) {
            throw new ChainFailure(a.failure().orElse(new Failure(FailureReason.UNEXPECTED_ANSWER,
                    "no Certificate message before ServerHelloDone")));
        }
        return parse(msg.get().certificates());
    }

    private static List<X509Certificate> parse(List<byte[]> ders) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (byte[] der : ders) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
            return out;
        } catch (CertificateException e) {
            throw new ChainFailure(new Failure(FailureReason.MALFORMED, "unparsable certificate: " + e.getMessage()));
        }
    }
}
