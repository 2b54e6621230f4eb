package io.lifeboat.scan.probe;

import io.lifeboat.scan.net.Failure;
import java.util.Locale;

/**
 * The record of one probe (or one part of it, such as "cipher_suites:TLSv1.2"): whether it
 * completed, and if not why. A failed probe is an attempt like this, never an aborted scan.
 *
 * @param probe  the probe's id, with ":version" for the per-version parts
 * @param status completed, error or not_run
 * @param reason a {@code FailureReason} code, "not_applicable", "unreachable" or "" when completed
 * @param detail one line a person can read
 */
public record ProbeAttempt(String probe, Status status, String reason, String detail) {

    /** The closed vocabulary of attempt outcomes. */
    public enum Status {
        COMPLETED, ERROR, NOT_RUN;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static ProbeAttempt completed(String probe, String detail) {
        return new ProbeAttempt(probe, Status.COMPLETED, "", detail);
    }

    public static ProbeAttempt error(String probe, Failure failure) {
        return new ProbeAttempt(probe, Status.ERROR, failure.reason().code(), failure.detail());
    }

    public static ProbeAttempt notRun(String probe, String reason, String detail) {
        return new ProbeAttempt(probe, Status.NOT_RUN, reason, detail);
    }
}
