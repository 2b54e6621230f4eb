/**
 * Reports: {@link io.lifeboat.readiness.report.Readiness#check} runs the rule catalogue over a
 * registry view and returns a {@link io.lifeboat.readiness.report.ReadinessReport} (its JSON schema is
 * in docs/readiness.md); {@link io.lifeboat.readiness.report.FleetSummary} folds many machines' reports
 * into one summary. Rendering as text or JSON is the CLI's job.
 *
 * <p>"Ready" means no FAIL. UNKNOWN results (an update whose installation the registry cannot show, a
 * default that depends on an OS the input does not name) are listed for a person to confirm.
 */
package io.lifeboat.readiness.report;
