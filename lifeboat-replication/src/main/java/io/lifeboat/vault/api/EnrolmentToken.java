package io.lifeboat.vault.api;

import io.lifeboat.tls.LifeboatException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The one-time enrolment token {@code vault enroll} prints and {@code agent enroll} reads: the
 * vault's address, the token id, a secret (the vault keeps only its SHA-256), the SHA-256 of the
 * vault's CA certificate (the agent pins the CA by it on first contact, as {@code kubeadm join}
 * does) and the machine name it was made for.
 *
 * <p>Text form: {@code lifeboat1.} followed by the unpadded base64url of a small JSON object. The
 * token is a bearer secret until it is used or expires.
 */
public record EnrolmentToken(String vault, String id, String secret, String caSha256, String machine) {
    public static final String PREFIX = "lifeboat1.";
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public EnrolmentToken {
        if (!HEX64.matcher(caSha256).matches()) {
            throw invalid("its CA hash is not 64 lowercase hex digits");
        }
    }

    public String encode() {
        JsonObject o = new JsonObject().put("vault", vault).put("id", id).put("secret", secret)
                .put("ca", caSha256).put("machine", machine);
        return PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(o.encode().getBytes(StandardCharsets.UTF_8));
    }

    /** @throws LifeboatException USAGE when {@code text} is not a well-formed token */
    public static EnrolmentToken parse(String text) {
        String t = text == null ? "" : text.trim();
        if (!t.startsWith(PREFIX)) {
            throw invalid("it does not start with '" + PREFIX + "'");
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(t.substring(PREFIX.length()));
            JsonObject o = new JsonObject(new String(json, StandardCharsets.UTF_8));
            return new EnrolmentToken(required(o, "vault"), required(o, "id"), required(o, "secret"),
                    required(o, "ca"), required(o, "machine"));
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            throw invalid("it is damaged (" + e.getMessage() + ")");
        }
    }

    private static String required(JsonObject o, String key) {
        String v = o.getString(key);
        if (v == null || v.isBlank()) {
            throw invalid("it has no '" + key + "'");
        }
        return v;
    }

    private static LifeboatException invalid(String why) {
        return new LifeboatException(LifeboatException.Kind.USAGE, "not a Lifeboat enrolment token: " + why
                + "; copy the whole line printed by `lifeboat vault enroll`");
    }

    @Override
    public String toString() {
        return "EnrolmentToken[vault=" + vault + ", id=" + id + ", machine=" + machine + ", secret=<hidden>]";
    }
}
