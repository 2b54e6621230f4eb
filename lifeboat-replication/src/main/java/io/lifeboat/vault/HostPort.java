package io.lifeboat.vault;

import io.lifeboat.tls.LifeboatException;

/** A "HOST:PORT" pair ({@code [v6]:PORT} for IPv6 literals); port 0 means "any free port". */
public record HostPort(String host, int port) {

    public HostPort {
        if (host == null || host.isBlank()) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "empty host in address");
        }
        if (port < 0 || port > 65535) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "port " + port + " is out of range 0-65535");
        }
    }

    /** @throws LifeboatException USAGE naming the bad text */
    public static HostPort parse(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new LifeboatException(LifeboatException.Kind.USAGE,
                    "'" + text + "' is not HOST:PORT (for example 127.0.0.1:7443)");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new HostPort(host, Integer.parseInt(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE,
                    "'" + text + "' has no numeric port (for example 127.0.0.1:7443)");
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
