package io.lifeboat.repository;

import io.lifeboat.tls.LifeboatException;
import java.util.HashSet;
import java.util.Set;

/**
 * What makes a manifest acceptable, checked by the vault before it commits a point and by failover
 * before it writes anything: sizes add up, block lengths fit the block size, and every path stays
 * inside the target (relative, no "." or ".." segments, no empty segments, no NUL, unique).
 */
public final class ManifestRules {
    private ManifestRules() {
    }

    /** @throws LifeboatException of kind USAGE naming the first problem */
    public static void check(Manifest m, int maxBlockBytes) {
        if (m.formatVersion() != Manifest.FORMAT_VERSION) {
            throw bad("manifest format version " + m.formatVersion() + " is not supported");
        }
        if (m.blockSize() <= 0 || m.blockSize() > maxBlockBytes) {
            throw bad("manifest block size " + m.blockSize() + " is outside 1.." + maxBlockBytes);
        }
        if (m.kind() == null || m.source() == null) {
            throw bad("manifest without a source kind or source name");
        }
        if (m.kind() != SourceKind.DIRECTORY) {
            if (m.entries().size() != 1 || m.entries().get(0).type() != EntryType.FILE
                    || !m.entries().get(0).path().isEmpty()) {
                throw bad("a " + m.kind() + " manifest must hold exactly one FILE entry with path \"\"");
            }
        }
        Set<String> seen = new HashSet<>();
        for (Entry e : m.entries()) {
            checkEntry(m, e);
            if (!seen.add(e.path())) {
                throw bad("manifest path appears twice: \"" + e.path() + "\"");
            }
        }
    }

    private static void checkEntry(Manifest m, Entry e) {
        if (e.type() == null || e.path() == null) {
            throw bad("manifest entry without a type or path");
        }
        checkPath(e.path(), m.kind() != SourceKind.DIRECTORY || e.type() == EntryType.DIRECTORY);
        if (e.size() < 0) {
            throw bad("manifest entry \"" + e.path() + "\" has a negative size");
        }
        switch (e.type()) {
            case FILE -> {
                long sum = 0;
                for (BlockRef b : e.blocks()) {
                    if (b.length() > m.blockSize()) {
                        throw bad("manifest entry \"" + e.path() + "\": a block of " + b.length()
                                + " bytes exceeds the block size " + m.blockSize());
                    }
                    sum += b.length();
                }
                if (sum != e.size()) {
                    throw bad("manifest entry \"" + e.path() + "\": blocks add up to " + sum
                            + " bytes, not its size " + e.size());
                }
            }
            case SYMLINK -> {
                if (e.linkTarget() == null || e.linkTarget().isEmpty() || e.linkTarget().indexOf('\0') >= 0) {
                    throw bad("manifest symlink \"" + e.path() + "\" has no valid target");
                }
                requireNoBlocks(e);
            }
            case DIRECTORY -> requireNoBlocks(e);
            default -> throw bad("unknown entry type " + e.type());
        }
    }

    private static void requireNoBlocks(Entry e) {
        if (!e.blocks().isEmpty()) {
            throw bad("manifest entry \"" + e.path() + "\" is a " + e.type() + " but lists blocks");
        }
    }

    /** Relative, '/'-separated, no "", "." or ".." segment, no NUL; "" (the root) only where allowed. */
    public static void checkPath(String path, boolean rootAllowed) {
        if (path.isEmpty()) {
            if (!rootAllowed) {
                throw bad("manifest path \"\" (the root) must be a directory in a directory manifest");
            }
            return; // the root: the source itself, or the top folder of a tree
        }
        if (path.indexOf('\0') >= 0 || path.startsWith("/") || path.endsWith("/")) {
            throw bad("manifest path \"" + path + "\" is not a relative path");
        }
        // segment by segment without splitting: a vault checks every path of every manifest it commits
        // (String.split took a sixth of a 47,000-entry tree's check; issue 14, session 15)
        for (int start = 0, end; start <= path.length(); start = end + 1) {
            end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            if (dotsOrEmpty(path, start, end)) {
                throw bad("manifest path \"" + path + "\" has an empty, \".\" or \"..\" segment");
            }
        }
    }

    /** Whether {@code path}'s segment [start, end) is "", "." or "..". */
    private static boolean dotsOrEmpty(String path, int start, int end) {
        int n = end - start;
        return n == 0 || n <= 2 && path.charAt(start) == '.' && (n == 1 || path.charAt(start + 1) == '.');
    }

    private static LifeboatException bad(String message) {
        return new LifeboatException(LifeboatException.Kind.USAGE, message);
    }
}
