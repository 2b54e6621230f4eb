/**
 * The probes, one file each, listed in {@link io.lifeboat.scan.probe.ProbeKind} (no classpath
 * scanning). A probe is a sequence of jobs of at most one connection each; it writes what it learned
 * into {@link io.lifeboat.scan.probe.TargetFacts} and records a
 * {@link io.lifeboat.scan.probe.ProbeAttempt} (completed, error with reason and detail, or not run).
 *
 * <p>Suite enumeration offers bundles of up to 128 suites concurrently and removes each chosen suite
 * until the server refuses; server order is then told from client order by offering the accepted set
 * reversed. Probes never render anything and never throw for anything a server does.
 */
package io.lifeboat.scan.probe;
