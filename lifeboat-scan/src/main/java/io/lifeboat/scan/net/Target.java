package io.lifeboat.scan.net;

import io.lifeboat.tls.Endpoint;
import java.util.OptionalInt;

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
     * Parses {@code HOST}, {@code HOST:PORT}, {@code [V6]:PORT} or a bare IPv6 address (the one parser,
     * {@link Endpoint}, shared with the doctor).
     *
     * @param sniOverride the --sni value, if given; otherwise the host is sent when it is a name
     */
    public static Target parse(String text, Optional<String> sniOverride) {
        return parse(text, sniOverride, DEFAULT_PORT);
    }

    /** As {@link #parse(String, Optional)}, with the port used when the text names none (25 for SMTP ...). */
    public static Target parse(String text, Optional<String> sniOverride, int defaultPort) {
        Endpoint e = Endpoint.parse(text, OptionalInt.of(defaultPort));
        Optional<String> sni = sniOverride.isPresent() ? sniOverride
                : isAddress(e.host()) ? Optional.empty() : Optional.of(e.host());
        return new Target(e.host(), e.port(), sni);
    }

    /** True for an IPv4 or IPv6 literal. */
    public static boolean isAddress(String host) {
        return Endpoint.isAddress(host);
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
