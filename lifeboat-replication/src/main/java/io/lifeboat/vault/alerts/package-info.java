/**
 * Webhook alerts: an RPO state change ({@code rpo-warning}, {@code rpo-critical}, {@code rpo-ok})
 * or a refused legacy client ({@code legacy-client-refused}) is POSTed as one JSON object (the
 * event log's shape: {@code time, type, machine, message} and details) to every URL in
 * {@code V/ops/webhooks.json}, which {@code lifeboat vault webhook add} writes and the serving vault
 * re-reads per alert.
 *
 * <p>Design: a URL is HTTPS (the JDK client limited to {@code TlsPolicy.TLS12_PLUS}'s versions and
 * suites, the system trust store, host names checked) or plain HTTP to a loopback address only,
 * checked when added and again before each send (fail closed). Delivery never blocks replication:
 * alerts go into a bounded queue drained by one sender thread; each POST has a timeout and is
 * retried with back-off; a full queue drops the newest alert with a log line. Repeats are prevented
 * upstream: the RPO monitor emits an event only when a machine's state changes.
 *
 * <p>Not given: delivery is at most a few attempts, not guaranteed (the event log keeps every
 * event); alerts queued when the vault stops are lost.
 */
package io.lifeboat.vault.alerts;
