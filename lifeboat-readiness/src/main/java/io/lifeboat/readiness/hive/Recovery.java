package io.lifeboat.readiness.hive;

import java.util.List;

/**
 * What {@link LogReplay} did to a hive image, for the report.
 *
 * @param wasDirty  the primary file's base block said the last write did not finish
 * @param format    "new" (HvLE entries), "old" (DIRT vector) or "none"
 * @param applied   log entries written into the image (old format: 1 when the vector was applied)
 * @param firstSequence sequence number of the first applied entry (0 when none)
 * @param lastSequence  sequence number written into the recovered base block (0 when none)
 * @param logsUsed  the logs that contributed entries, in the order applied
 * @param note      why replay stopped or was skipped, when it matters ("" otherwise)
 */
public record Recovery(boolean wasDirty, String format, int applied, long firstSequence, long lastSequence,
        List<String> logsUsed, String note) {
    public Recovery {
        logsUsed = List.copyOf(logsUsed);
    }

    public static Recovery clean() {
        return new Recovery(false, "none", 0, 0, 0, List.of(), "");
    }
}
