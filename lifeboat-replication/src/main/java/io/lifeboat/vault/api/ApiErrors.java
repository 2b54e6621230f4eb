package io.lifeboat.vault.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The one shape of every error the vault API answers:
 * {@code {"error": "<code>", "message": "<one line for a person>"}} with a matching HTTP status.
 */
public final class ApiErrors {
    private ApiErrors() {
    }

    /**
     * @param code a stable, lowercase code, e.g. "client_certificate_required", "revoked"
     */
    public static void send(RoutingContext ctx, int status, String code, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", code).put("message", message).encode());
    }

    /** Reads the "message" of an error body, or the raw text when it is not one. */
    public static String messageOf(String body) {
        try {
            JsonObject o = new JsonObject(body);
            String m = o.getString("message");
            return m == null ? body : m;
        } catch (RuntimeException e) {
            return body;
        }
    }
}
