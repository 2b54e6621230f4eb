package io.lifeboat.vault.http;

import io.lifeboat.vault.api.ApiErrors;
import io.lifeboat.vault.api.RequestBody;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads a small JSON object request body, or answers 400 (413 past {@link RequestBody#MAX_SMALL_JSON}) and returns null. */
final class JsonBodies {
    private JsonBodies() {
    }

    static JsonObject object(RoutingContext ctx) {
        if (RequestBody.refusedAsTooLargeForSmallJson(ctx, "the request body")) {
            return null;
        }
        try {
            JsonObject o = new JsonObject(Buffer.buffer(RequestBody.bytes(ctx)));
            if (o != null) {
                return o;
            }
        } catch (RuntimeException e) {
            // fall through
        }
        ApiErrors.send(ctx, 400, "bad_request", "the request body must be a JSON object");
        return null;
    }
}
