package io.lifeboat.tls;

import java.util.OptionalInt;

/**
 * HOST[:PORT] as a user types it, the one parser for the scanner's and the doctor's targets:
 * {@code vault.example:8443}, {@code 10.0.0.5}, {@code [::1]:8443}, or a bare IPv6 address. A bad
 * form is a usage error ({@link LifeboatException.Kind#USAGE}), never a guess.
 *
 * @param host the name or address (IPv6 without brackets)
 * @param port 1..65535
 */
public record Endpoint(String host, int port) {

    public Endpoint {
        if (host == null || host.isBlank()) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "no host");
        }
        if (port < 1 || port > 65535) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "port " + port + " of " + host + " is not 1..65535");
        }
    }

    /**
     * @param defaultPort the port when the text names none; empty when a port is required
     */
    public static Endpoint parse(String text, OptionalInt defaultPort) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw bad(text, "empty");
        }
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw bad(text, "missing ']'");
            }
            host = s.substring(1, end);
            String rest = s.substring(end + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw bad(text, "expected :PORT after ']'");
                }
                port = rest.substring(1);
            }
        } else if (s.chars().filter(c -> c == ':').count() == 1) {
            int colon = s.indexOf(':');
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        } else {
            host = s; // a name, an IPv4 address, or a bare IPv6 address
        }
        if (host.isEmpty()) {
            throw bad(text, "no host");
        }
        if (port == null) {
            if (defaultPort.isEmpty()) {
                throw bad(text, "no port (write an IPv6 address as [::1]:8443)");
            }
            return new Endpoint(host, defaultPort.getAsInt());
        }
        try {
            return new Endpoint(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw bad(text, "port '" + port + "' is not a number");
        }
    }

    /** True for an IPv4 or IPv6 literal. */
    public static boolean isAddress(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static LifeboatException bad(String text, String why) {
        return new LifeboatException(LifeboatException.Kind.USAGE, "\"" + text + "\" is not HOST[:PORT]: " + why);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
