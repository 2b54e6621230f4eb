package io.lifeboat.vault.http;

import io.lifeboat.tls.pki.Pem;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.X509Certificate;

/** The answer to an enrolment or a renewal: the machine certificate and the CA, in PEM. */
final class CertificateReplies {
    private CertificateReplies() {
    }

    static void send(RoutingContext ctx, int status, String machine, X509Certificate cert, X509Certificate ca) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body(machine, cert, ca).encode());
    }

    /** The enrolment answer: the same, with the vault's live nodes ({@code nodes}, as {@code GET /v1/nodes} gives them). */
    static void send(RoutingContext ctx, int status, String machine, X509Certificate cert, X509Certificate ca,
            io.vertx.core.json.JsonArray nodes) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body(machine, cert, ca).put("nodes", nodes).encode());
    }

    private static JsonObject body(String machine, X509Certificate cert, X509Certificate ca) {
        return new JsonObject()
                .put("machine", machine)
                .put("certificate", Pem.toPem(cert))
                .put("ca", Pem.toPem(ca))
                .put("notAfter", cert.getNotAfter().toInstant().toString());
    }
}
