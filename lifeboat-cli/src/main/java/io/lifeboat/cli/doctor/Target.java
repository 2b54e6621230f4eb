package io.lifeboat.cli.doctor;

import io.lifeboat.tls.LifeboatException;

/** HOST:PORT as typed: "vault.example:8443", "127.0.0.1:8443", "[::1]:8443". */
record Target(String host, int port) {

    static Target parse(String text) {
        String t = text.trim();
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
                throw usage(text);
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else {
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || t.indexOf(':') != colon) {
                throw usage(text);
            }
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535 || host.isBlank()) {
                throw usage(text);
            }
            return new Target(host, p);
        } catch (NumberFormatException e) {
            throw usage(text);
        }
    }

    private static LifeboatException usage(String text) {
        return new LifeboatException(LifeboatException.Kind.USAGE,
                "doctor: \"" + text + "\" is not HOST:PORT (write an IPv6 address as [::1]:8443)");
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
