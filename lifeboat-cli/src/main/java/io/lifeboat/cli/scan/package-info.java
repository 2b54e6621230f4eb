/**
 * {@code lifeboat scan}: {@link io.lifeboat.cli.scan.ScanCommand} turns flags (targets, a targets file,
 * --ca PEM, --timeout, limits) into {@code ScanOptions} and one {@code Scanner.scan} call, adapts the
 * scan listener to the shared progress bar, and renders the reports as text ({@code ScanText}) or as
 * JSON schema lifeboat-scan/1 ({@code ScanJson}, documented in docs/scanner.md). Exit 0 when every
 * target is compliant, 3 when not.
 */
package io.lifeboat.cli.scan;
