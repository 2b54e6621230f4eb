/**
 * {@code lifeboat doctor}: options, validation and one call into the probe
 * ({@link io.lifeboat.tls.diagnosis.probe.ConnectionProbe}) and the classifier
 * ({@link io.lifeboat.tls.diagnosis.Classifier}); this package only reads the agent directory or CA
 * file the user names and renders the verdict as text or JSON.
 *
 * <p>Exit codes: 0 the connection works end to end, 3 a cause was found, 1 none fits, 2 bad usage.
 */
package io.lifeboat.cli.doctor;
