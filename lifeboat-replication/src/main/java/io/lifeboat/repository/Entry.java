package io.lifeboat.repository;

import java.util.List;

/**
 * A file, directory or symlink of a source. For a FILE/IMAGE/BLOCK_DEVICE source there is exactly
 * one FILE entry with path "" (the source itself).
 *
 * @param path        relative to the source root, '/'-separated; "" for the root
 * @param mode        the 12 POSIX mode bits: permissions with setuid, setgid and sticky (04755,
 *                    01777, 0); a source without POSIX modes records 0644 for files, 0755 for
 *                    folders, 0777 for links
 * @param mtimeNanos  modification time, nanoseconds since the epoch (1677..2262)
 * @param linkTarget  for SYMLINK, else null
 * @param blocks      for FILE: the blocks in order, lengths summing to {@code size}; else empty
 */
public record Entry(String path, EntryType type, int mode, long mtimeNanos, long size, String linkTarget,
        List<BlockRef> blocks) {
    public Entry {
        // a point's blocks read from its manifest on demand are already immutable: copying would read them all
        blocks = blocks instanceof ChunkedBlockList ? blocks : List.copyOf(blocks);
    }
}
