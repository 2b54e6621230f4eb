package io.lifeboat.agent;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.api.ApiErrors;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A response from the vault, with the TLS session it came over.
 *
 * @param status      HTTP status
 * @param headers     response headers, lowercase names
 * @param body        the whole body
 * @param protocol    the session's TLS version, e.g. "TLSv1.3"
 * @param cipherSuite the session's suite, e.g. "TLS_AES_256_GCM_SHA384"
 */
public record VaultResponse(int status, Map<String, String> headers, byte[] body, String protocol,
        String cipherSuite) {

    public VaultResponse {
        headers = Map.copyOf(headers);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonObject json() {
        return new JsonObject(text());
    }

    /** The error code of a JSON error body ({@code "error"}), or "". */
    public String errorCode() {
        try {
            return json().getString("error", "");
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * This response when it is a success; otherwise a {@link LifeboatException}: IDENTITY_REJECTED for
     * 401/403 (no, revoked or unknown certificate), FAILED for the rest, with the vault's message.
     */
    public VaultResponse requireOk(String what) {
        if (ok()) {
            return this;
        }
        String msg = what + ": the vault answered " + status + ": " + ApiErrors.messageOf(text());
        throw new LifeboatException(status == 401 || status == 403 ? LifeboatException.Kind.IDENTITY_REJECTED
                : status == 400 || status == 413 ? LifeboatException.Kind.USAGE : LifeboatException.Kind.FAILED, msg);
    }
}
