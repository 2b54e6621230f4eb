package io.lifeboat.restore;

/**
 * How a failover runs.
 *
 * @param test  a test failover: after writing, TARGET is read back and every block compared with its
 *              hash again, and the result says so; the repository is never changed in either mode
 * @param force write into a TARGET that is not empty (an existing file or device is overwritten,
 *              files in an existing folder are replaced; other files there are left alone)
 */
public record FailoverOptions(boolean test, boolean force) {
    public static final FailoverOptions DEFAULT = new FailoverOptions(false, false);
}
