package io.lifeboat.scan.report;

import java.util.Locale;

/**
 * The verdict on one target. {@link #INCOMPLETE} is not a milder {@link #COMPLIANT}: the scan could not
 * see something the policy needs, and exits 3 like {@link #NOT_COMPLIANT}. {@link #NOT_TLS} and
 * {@link #UNREACHABLE} say no TLS server was found at all.
 */
public enum TargetStatus {
    COMPLIANT, NOT_COMPLIANT, INCOMPLETE, NOT_TLS, UNREACHABLE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "NOT COMPLIANT", for the text report. */
    public String label() {
        return name().replace('_', ' ');
    }
}
