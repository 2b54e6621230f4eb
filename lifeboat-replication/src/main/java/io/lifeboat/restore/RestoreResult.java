package io.lifeboat.restore;

import io.lifeboat.repository.PointInfo;
import java.nio.file.Path;

/**
 * What a failover did.
 *
 * @param bytesRestored the source's bytes, holes included
 * @param blocksVerified blocks read from the vault and checked against their hash before writing
 * @param zeroBlocks    all-zero blocks, left as holes in a file (written as zeros on a device)
 * @param checkedAfterWrite true when TARGET was read back and every block matched (test failover)
 */
public record RestoreResult(PointInfo point, Path target, long bytesRestored, long blocksVerified, long zeroBlocks,
        int files, int directories, int symlinks, boolean test, boolean checkedAfterWrite) {
}
