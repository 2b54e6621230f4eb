package io.lifeboat.scan.report;

/**
 * One thing about a target that falls short of {@code TlsPolicy.TLS12_PLUS}.
 *
 * @param id       stable, kebab-case ("protocol-not-allowed"); listed in docs/scanner.md
 * @param severity FAIL or WARN
 * @param message  one line: what was seen and what the policy wants
 */
public record Finding(String id, Severity severity, String message) {
}
