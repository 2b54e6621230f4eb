package io.lifeboat.scan.report;

import java.util.Locale;

/**
 * FAIL findings make a target non-compliant with TLS12_PLUS; INCOMPLETE findings say the scan could
 * not decide something the policy needs (a version, the suites, a downgrade verdict, the certificate),
 * so the target is never called compliant; WARN findings are worth knowing.
 */
public enum Severity {
    FAIL, INCOMPLETE, WARN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
