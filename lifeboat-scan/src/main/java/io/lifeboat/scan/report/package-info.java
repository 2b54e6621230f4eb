/**
 * The judged result of a scan: {@link io.lifeboat.scan.report.TargetReport} (values only; the CLI
 * renders text and JSON) and {@link io.lifeboat.scan.report.PolicyCheck}, the checker that turns a
 * {@code TlsPolicy} (data) and the facts into {@link io.lifeboat.scan.report.Finding}s with stable ids.
 * A target is compliant when no finding has severity FAIL.
 */
package io.lifeboat.scan.report;
