/**
 * Prometheus metrics of a serving vault at {@code GET /metrics}, through Micrometer: Vert.x's own
 * HTTP server meters (Vert.x's micrometer integration, with latency histograms), JVM meters, and
 * Lifeboat's: RPO seconds and health per machine and source, points, bytes received and stored,
 * uploads in flight, refused handshakes by offered version, TLS versions negotiated.
 *
 * <p>Access fails closed: a bearer token whose SHA-256 matches {@code V/ops/metrics-token}
 * ({@code lifeboat vault metrics-token} makes a new one and prints it once; the vault keeps only the
 * hash), or a client certificate the vault's mutual-TLS authorisation accepts. Anything else is 401.
 *
 * <p>Not given: counters restart from zero with the vault (Prometheus' {@code rate()} copes); the
 * per-source gauges are refreshed by the RPO monitor's timer, so they may lag by one interval.
 */
package io.lifeboat.vault.metrics;
