package io.lifeboat.scan.probe;

import java.util.Locale;

/** The answer of a yes/no probe. UNKNOWN means the probe ran and failed: see its attempt. */
public enum Verdict {
    SUPPORTED, NOT_SUPPORTED, NOT_APPLICABLE, UNKNOWN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
