package io.lifeboat.vault.alerts;

import io.lifeboat.tls.LifeboatException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** A webhook address the vault may POST to: HTTPS anywhere, plain HTTP only to a loopback address. */
public record WebhookUrl(URI uri) {

    /** @throws LifeboatException USAGE for anything else (never relaxed) */
    public WebhookUrl {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isEmpty() || uri.getUserInfo() != null) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "webhook " + uri + " has no host (or carries a password)");
        }
        if (scheme.equals("http")) {
            if (!loopback(host)) {
                throw new LifeboatException(LifeboatException.Kind.USAGE, "webhook " + uri
                        + ": plain http is allowed only to a loopback address (127.0.0.0/8, ::1, localhost); use https");
            }
        } else if (!scheme.equals("https")) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "webhook " + uri + ": only https (or http to loopback)");
        }
    }

    public static WebhookUrl parse(String s) {
        try {
            return new WebhookUrl(new URI(s.trim()));
        } catch (URISyntaxException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "webhook '" + s + "' is not a URL: " + e.getMessage());
        }
    }

    /** By address text only, never by a DNS answer that could change after the check. */
    static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
