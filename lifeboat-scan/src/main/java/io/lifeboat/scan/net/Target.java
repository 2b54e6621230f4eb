package io.lifeboat.scan.net;

import io.lifeboat.tls.LifeboatException;
import java.util.Optional;

/**
 * One endpoint to scan.
 *
 * @param host the name or address as the user wrote it (IPv6 without brackets)
 * @param port the TCP port
 * @param sni  the server name to send, empty for none (addresses are never sent as SNI)
 */
public record Target(String host, int port, Optional<String> sni) {

    public static final int DEFAULT_PORT = 443;

    public Target {
        if (port < 1 || port > 65535) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "port " + port + " of " + host + " is not 1..65535");
        }
    }

    /**
     * Parses {@code HOST}, {@code HOST:PORT}, {@code [V6]:PORT} or a bare IPv6 address.
     *
     * @param sniOverride the --sni value, if given; otherwise the host is sent when it is a name
     */
    public static Target parse(String text, Optional<String> sniOverride) {
        return parse(text, sniOverride, DEFAULT_PORT);
    }

    /** As {@link #parse(String, Optional)}, with the port used when the text names none (25 for SMTP ...). */
    public static Target parse(String text, Optional<String> sniOverride, int defaultPort) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "empty scan target");
        }
        String host;
        int port = defaultPort;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw new LifeboatException(LifeboatException.Kind.USAGE, "target " + text + ": missing ']'");
            }
            host = s.substring(1, end);
            String rest = s.substring(end + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new LifeboatException(LifeboatException.Kind.USAGE, "target " + text + ": expected :PORT after ']'");
                }
                port = parsePort(rest.substring(1), text);
            }
        } else if (s.chars().filter(c -> c == ':').count() == 1) {
            int colon = s.indexOf(':');
            host = s.substring(0, colon);
            port = parsePort(s.substring(colon + 1), text);
        } else {
            host = s;
        }
        if (host.isEmpty()) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "target " + text + ": no host");
        }
        Optional<String> sni = sniOverride.isPresent() ? sniOverride
                : isAddress(host) ? Optional.empty() : Optional.of(host);
        return new Target(host, port, sni);
    }

    private static int parsePort(String p, String text) {
        try {
            return Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "target " + text + ": port '" + p + "' is not a number");
        }
    }

    /** True for an IPv4 or IPv6 literal. */
    public static boolean isAddress(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** The name certificates are checked against: the SNI when there is one, else the host. */
    public String expectedName() {
        return sni.orElse(host);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
