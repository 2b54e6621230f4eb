package io.lifeboat.restore;

/**
 * How a failover runs.
 *
 * @param test  a test failover: after writing, TARGET is read back and every block compared with its
 *              hash again, and the result says so; the repository is never changed in either mode
 * @param force write into a TARGET that is not empty: an existing file or block device is compared
 *              with the point and only the blocks that differ are fetched and written, in place, then
 *              it is read back whole; files in an existing folder are replaced (other files there are
 *              left alone); a character device is written whole
 */
public record FailoverOptions(boolean test, boolean force) {
    public static final FailoverOptions DEFAULT = new FailoverOptions(false, false);
}
