package io.lifeboat.restore;

import io.lifeboat.repository.PointInfo;
import java.nio.file.Path;

/**
 * What a failover did.
 *
 * @param bytesRestored the source's bytes, holes included
 * @param blocksVerified blocks fetched from the vault and checked against their hash before writing
 * @param zeroBlocks    all-zero blocks, left as holes in a file (written as zeros on a device)
 * @param checkedAfterWrite true when TARGET was read back and every block matched (a test failover,
 *                      and every failover in place)
 * @param bytesFetched  the bytes of the blocks fetched (as the point holds them, before compression)
 * @param bytesWritten  bytes written to TARGET; in place, only what differed
 * @param inPlace       TARGET already held data and was compared and written where it differed
 * @param finishedIncomplete what an earlier, interrupted failover in place had left in TARGET's
 *                      marker ("machine M point P"), now finished; null when there was none
 * @param extra         paths (relative, "/"-separated, a folder with a trailing "/") that a folder
 *                      restored in place holds and the point does not; left alone unless
 *                      {@link FailoverOptions#deleteExtra()}, then removed (and still listed here)
 */
public record RestoreResult(PointInfo point, Path target, long bytesRestored, long blocksVerified, long zeroBlocks,
        int files, int directories, int symlinks, boolean test, boolean checkedAfterWrite, long bytesFetched,
        long bytesWritten, boolean inPlace, String finishedIncomplete, java.util.List<String> extra) {
    public RestoreResult {
        extra = java.util.List.copyOf(extra);
    }
}
