package io.lifeboat.plan;

import java.nio.file.Path;

/**
 * How a plan runs.
 *
 * @param test    a test run: every failover restores into a scratch target under {@code scratch}
 *                and is read back ({@code failover --test}); the vault is only read
 * @param force   write into targets that hold data (in place, only what differs; see {@code failover --force})
 * @param point   for every step: "latest", "latest-group" (the newest complete group point that
 *                names the step's machine and source) or a point id; null for each step's own
 * @param yes     pass over every pause (each is reported as skipped) instead of asking
 * @param scratch where a test run restores (a folder per group); only with {@code test}
 * @param deviceMarkers where the incomplete marker of a block device written in place is kept
 *                (see {@code FailoverOptions}); null keeps it beside the device
 */
public record PlanRunOptions(boolean test, boolean force, String point, boolean yes, Path scratch, Path deviceMarkers) {
    public PlanRunOptions {
        if (test && scratch == null) {
            throw new IllegalArgumentException("a test run needs a scratch folder");
        }
    }
}
