/**
 * The TLS endpoint scanner: what exactly does an endpoint accept, judged against
 * {@code TlsPolicy.TLS12_PLUS}.
 *
 * <p>{@link io.lifeboat.scan.Scanner} takes targets and immutable {@link io.lifeboat.scan.ScanOptions};
 * for each target it runs the probes of {@code probe.ProbeKind} (phase 0: versions; phase 1: the rest,
 * concurrently) through one {@code net.Connector} whose semaphore caps the connections to that
 * target, then judges the facts with {@code report.PolicyCheck}. Up to {@code concurrency} targets run
 * at once; progress is reported through {@link io.lifeboat.scan.ScanListener}.
 *
 * <p>Guarantees: nothing a server does aborts a scan (every failure is a recorded attempt with a
 * reason), and no connection lives longer than the timeout. Not guaranteed: revocation checking,
 * client-initiated renegotiation, and exactness of TLS 1.2 group lists with ECDSA certificates
 * (see docs/scanner.md, "Known limits"). The module never reads flags, files or the environment.
 */
package io.lifeboat.scan;
