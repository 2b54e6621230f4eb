package io.lifeboat.vault.http;

import io.lifeboat.tls.pki.Fingerprints;
import io.lifeboat.vault.MachineName;
import io.lifeboat.vault.api.ApiErrors;
import io.lifeboat.vault.api.Caller;
import io.lifeboat.vault.store.MachineRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Authorises every request (except enrolment, which is routed before this handler) from the
 * client certificate of its connection: it must be present (401), signed by the vault's CA and
 * valid now (403; the TLS layer already refuses a presented certificate that does not chain to the
 * CA), and be a current certificate of an active machine in the registry, read on every request
 * so a revocation applies at once (403). Then {@link Caller#of} answers who it is. A registry in the
 * repository's store ({@link MachineRegistry#remote()}) is read on a worker thread, the request paused
 * meanwhile so no body bytes arrive before the body handler is there to take them.
 */
public final class MutualTlsAuthorisation implements Handler<RoutingContext> {
    private final PublicKey caKey;
    private final MachineRegistry machines;
    private final Clock clock;

    public MutualTlsAuthorisation(PublicKey caKey, MachineRegistry machines, Clock clock) {
        this.caKey = caKey;
        this.machines = machines;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpConnection conn = ctx.request().connection();
        X509Certificate leaf = clientCertificate(conn);
        if (leaf == null) {
            ApiErrors.send(ctx, 401, "client_certificate_required", "this request needs the machine's client"
                    + " certificate (mutual TLS); enrol the machine with `lifeboat agent enroll`");
            return;
        }
        try {
            leaf.verify(caKey);
            leaf.checkValidity(Date.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            deny(ctx, "certificate_invalid", "the client certificate is not valid for this vault: " + e.getMessage());
            return;
        }
        String machine = commonName(leaf);
        if (!MachineName.valid(machine)) {
            deny(ctx, "machine_unknown", "the client certificate names no valid machine");
            return;
        }
        String fingerprint = Fingerprints.sha256(leaf);
        if (!machines.remote()) {
            decide(ctx, conn, machine, fingerprint, machines.check(machine, fingerprint));
            return;
        }
        // A registry in a store is a network read: on a worker, with the body held back until the body
        // handler (next) reads it. Still read on every request: no cache may let a revoked machine in.
        ctx.request().pause();
        ctx.vertx().executeBlocking(() -> machines.check(machine, fingerprint), false).onComplete(ar -> {
            if (ar.failed()) {
                ctx.request().resume();
                ctx.fail(ar.cause());
            } else {
                decide(ctx, conn, machine, fingerprint, ar.result());
                // The body handler, when it ran next, has set its handlers and resumed already; a route
                // without one (a GET such as /metrics) must not stay paused, or its connection stalls.
                ctx.request().resume();
            }
        });
    }

    private void decide(RoutingContext ctx, HttpConnection conn, String machine, String fingerprint,
            Optional<MachineRegistry.Refusal> refusal) {
        if (refusal.isPresent()) {
            switch (refusal.get()) {
                case REVOKED -> deny(ctx, "revoked", "machine '" + machine + "' was revoked on this vault;"
                        + " enrol it again with a new token from `lifeboat vault enroll`");
                case UNKNOWN -> deny(ctx, "machine_unknown", "this vault has no machine '" + machine + "'");
                case NOT_CURRENT -> deny(ctx, "certificate_superseded", "this certificate of machine '" + machine
                        + "' was replaced by a newer enrolment; use the machine's current certificate");
            }
            return;
        }
        SSLSession s = conn.sslSession();
        ctx.put(Caller.CONTEXT_KEY, new Caller(machine, s.getProtocol(), s.getCipherSuite(),
                String.valueOf(conn.remoteAddress()), fingerprint));
        ctx.next();
    }

    private static void deny(RoutingContext ctx, String code, String message) {
        ctx.response().putHeader("Connection", "close");
        ApiErrors.send(ctx, 403, code, message);
    }

    /** The connection's client certificate, or null when it showed none. */
    static X509Certificate clientCertificate(HttpConnection conn) {
        if (!conn.isSsl()) {
            return null;
        }
        try {
            List<Certificate> chain = conn.peerCertificates();
            return chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate x) ? null : x;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    static String commonName(X509Certificate cert) {
        var rdns = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return rdns.length == 0 ? "" : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
