package io.lifeboat.tls.diagnosis.probe;

import io.lifeboat.tls.diagnosis.AnchorSource;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to probe one endpoint the way an agent connects.
 *
 * @param host         the name or address to connect to (also the name the certificate must carry)
 * @param port         the TCP port
 * @param timeout      connect and read timeout of every step
 * @param anchors      the CAs to trust; empty means the system trust store
 * @param anchorSource where {@code anchors} came from (SYSTEM when empty)
 * @param clientChain  the machine certificate chain to present when asked, or empty
 * @param clientKey    its private key, or null
 * @param clock        the local clock (the evidence records it; tests inject one)
 * @param path         the HTTP path asked once TLS is up ("/health" for a vault)
 * @param extraProbes  run the follow-up probes (legacy hello, all-suites hello, plaintext request)
 * @param pinnedCaSha256 when set (and {@code anchors} is empty), trust the CA certificate of the
 *                     presented chain whose SHA-256 is this hex value, as an enrolling agent does
 *                     with its token; PKIX validation and the host-name check still apply
 */
public record ProbeOptions(String host, int port, Duration timeout, List<X509Certificate> anchors,
        AnchorSource anchorSource, List<X509Certificate> clientChain, PrivateKey clientKey, Clock clock, String path,
        boolean extraProbes, String pinnedCaSha256) {

    public ProbeOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(clock, "clock");
        anchors = List.copyOf(anchors);
        clientChain = List.copyOf(clientChain);
        anchorSource = anchors.isEmpty() && pinnedCaSha256 == null ? AnchorSource.SYSTEM
                : anchors.isEmpty() ? AnchorSource.VAULT_CA : Objects.requireNonNull(anchorSource, "anchorSource");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!clientChain.isEmpty() && clientKey == null) {
            throw new IllegalArgumentException("a client certificate needs its private key");
        }
        path = path == null ? "/health" : path;
    }

    /** Defaults: system trust store, no client certificate, 10 s timeout, GET /health, all probes. */
    public static ProbeOptions of(String host, int port) {
        return new ProbeOptions(host, port, Duration.ofSeconds(10), List.of(), AnchorSource.SYSTEM, List.of(), null,
                Clock.systemUTC(), "/health", true, null);
    }

    public ProbeOptions withTimeout(Duration t) {
        return new ProbeOptions(host, port, t, anchors, anchorSource, clientChain, clientKey, clock, path, extraProbes, pinnedCaSha256);
    }

    public ProbeOptions withAnchors(List<X509Certificate> a, AnchorSource source) {
        return new ProbeOptions(host, port, timeout, a, source, clientChain, clientKey, clock, path, extraProbes, pinnedCaSha256);
    }

    public ProbeOptions withClient(List<X509Certificate> chain, PrivateKey key) {
        return new ProbeOptions(host, port, timeout, anchors, anchorSource, chain, key, clock, path, extraProbes, pinnedCaSha256);
    }

    public ProbeOptions withClock(Clock c) {
        return new ProbeOptions(host, port, timeout, anchors, anchorSource, clientChain, clientKey, c, path, extraProbes, pinnedCaSha256);
    }

    public ProbeOptions withPinnedCa(String sha256Hex) {
        return new ProbeOptions(host, port, timeout, anchors, AnchorSource.VAULT_CA, clientChain, clientKey, clock, path,
                extraProbes, sha256Hex);
    }

    public ProbeOptions withExtraProbes(boolean on) {
        return new ProbeOptions(host, port, timeout, anchors, anchorSource, clientChain, clientKey, clock, path, on, pinnedCaSha256);
    }
}
