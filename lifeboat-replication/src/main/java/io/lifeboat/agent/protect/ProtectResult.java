package io.lifeboat.agent.protect;

import io.lifeboat.repository.PointInfo;
import java.time.Duration;

/**
 * The outcome of one pass.
 *
 * @param blocks        non-zero and zero blocks of the source, in total
 * @param zeroBlocks    all-zero blocks: neither sent nor stored
 * @param blocksSent    blocks whose bytes were sent in this pass
 * @param blocksPresent non-zero blocks the vault already held (or repeated earlier in this pass)
 * @param bytesSent     request body bytes of this pass, as the vault recorded them in the point
 * @param hardLinkCopies files of a tree that are hard links to a file stored earlier in it: stored,
 *                      and restored, as separate copies (their blocks are stored once)
 * @param filesKept     files of a tree kept from the last point without being read (their stamp was unchanged)
 * @param sentAsDelta   the point was committed as a delta of the last one, not as its whole manifest
 * @param keptByStamp   an image or file source was not read at all: its stamp (size, mtime, ctime, inode,
 *                      device, mode, owner) was the one recorded with the last point, so the point holds
 *                      the last point's blocks again
 */
public record ProtectResult(PointInfo point, long sourceBytes, long blocks, long zeroBlocks, long blocksSent,
        long blocksPresent, long bytesSent, Duration elapsed, long hardLinkCopies, long filesKept, boolean sentAsDelta,
        boolean keptByStamp) {

    /** A pass that read every file and sent its whole manifest. */
    public ProtectResult(PointInfo point, long sourceBytes, long blocks, long zeroBlocks, long blocksSent,
            long blocksPresent, long bytesSent, Duration elapsed, long hardLinkCopies) {
        this(point, sourceBytes, blocks, zeroBlocks, blocksSent, blocksPresent, bytesSent, elapsed, hardLinkCopies, 0,
                false, false);
    }
}
