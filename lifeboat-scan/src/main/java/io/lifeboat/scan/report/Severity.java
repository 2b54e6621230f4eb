package io.lifeboat.scan.report;

import java.util.Locale;

/** FAIL findings make a target non-compliant with TLS12_PLUS; WARN findings are worth knowing. */
public enum Severity {
    FAIL, WARN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
