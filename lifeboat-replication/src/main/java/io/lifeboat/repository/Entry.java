package io.lifeboat.repository;

import java.util.List;

/**
 * A file, directory or symlink of a source. For a FILE/IMAGE/BLOCK_DEVICE source there is exactly
 * one FILE entry with path "" (the source itself).
 *
 * @param path        relative to the source root, '/'-separated; "" for the root
 * @param mode        POSIX permission bits (0755), 0 where unknown
 * @param linkTarget  for SYMLINK, else null
 * @param blocks      for FILE: the blocks in order, lengths summing to {@code size}; else empty
 */
public record Entry(String path, EntryType type, int mode, long mtimeMillis, long size, String linkTarget,
        List<BlockRef> blocks) {
    public Entry {
        // a point's blocks read from its manifest on demand are already immutable: copying would read them all
        blocks = blocks instanceof ChunkedBlockList ? blocks : List.copyOf(blocks);
    }
}
