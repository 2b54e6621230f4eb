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
 */
public record ProtectResult(PointInfo point, long sourceBytes, long blocks, long zeroBlocks, long blocksSent,
        long blocksPresent, long bytesSent, Duration elapsed) {
}
