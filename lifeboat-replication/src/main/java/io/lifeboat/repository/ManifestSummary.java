package io.lifeboat.repository;

/**
 * The counts of a manifest written as chunks, kept in its point file: a reader that reaches the end
 * of the chunk list with other counts knows the list was cut or altered.
 *
 * @param entries     files, folders and symlinks
 * @param blocks      non-zero block references (a block named twice counts twice)
 * @param zeroBlocks  all-zero block references
 * @param sourceBytes the sum of the FILE entries' sizes
 * @param chunks      the chunks it was written as
 */
public record ManifestSummary(long entries, long blocks, long zeroBlocks, long sourceBytes, int chunks) {
}
