package io.lifeboat.restore;

import java.nio.file.Path;

/**
 * How a failover runs.
 *
 * @param test  a test failover: after writing, TARGET is read back and every block compared with its
 *              hash again, and the result says so; the repository is never changed in either mode
 * @param force write into a TARGET that is not empty: an existing file or block device is compared
 *              with the point and only the blocks that differ are fetched and written, in place, then
 *              it is read back whole; a folder is restored the same way, file by file (other files there are
 *              listed, see deleteExtra); a character device is written whole
 * @param deleteExtra with force into a folder: also remove what the folder holds that the point
 *              does not (otherwise such paths are only listed in the result)
 * @param deviceMarkers the folder that keeps the incomplete marker of a block device written in
 *              place (beside a device it would live in {@code /dev}, which a reboot empties); null
 *              keeps it beside the device
 */
public record FailoverOptions(boolean test, boolean force, boolean deleteExtra, Path deviceMarkers) {
    public static final FailoverOptions DEFAULT = new FailoverOptions(false, false, false);

    public FailoverOptions(boolean test, boolean force) {
        this(test, force, false);
    }

    public FailoverOptions(boolean test, boolean force, boolean deleteExtra) {
        this(test, force, deleteExtra, null);
    }
}
