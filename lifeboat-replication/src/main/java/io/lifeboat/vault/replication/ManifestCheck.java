package io.lifeboat.vault.replication;

import io.lifeboat.replication.protocol.Limits;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.SourceKind;
import java.util.HashSet;
import java.util.Set;

/**
 * The shape a committed manifest must have, checked before anything is stored: a known format, sane
 * block sizes, file sizes equal to their blocks, and entry paths that stay inside a restore target
 * (relative, '/'-separated, no "", "." or ".." segments, no NUL), each path once.
 */
final class ManifestCheck {
    private ManifestCheck() {
    }

    static void check(Manifest m) {
        if (m.formatVersion() != Manifest.FORMAT_VERSION) {
            throw bad("manifest format " + m.formatVersion() + " is not supported (expected " + Manifest.FORMAT_VERSION + ")");
        }
        if (m.kind() == null || m.source() == null) {
            throw bad("manifest without a source or kind");
        }
        if (m.blockSize() <= 0 || m.blockSize() > Limits.MAX_BLOCK_BYTES) {
            throw bad("manifest block size " + m.blockSize() + " outside 1.." + Limits.MAX_BLOCK_BYTES);
        }
        if (m.kind() != SourceKind.DIRECTORY
                && (m.entries().size() != 1 || m.entries().get(0).type() != EntryType.FILE
                        || !m.entries().get(0).path().isEmpty())) {
            throw bad("a " + m.kind() + " manifest holds exactly one FILE entry with path \"\"");
        }
        Set<String> seen = new HashSet<>();
        for (Entry e : m.entries()) {
            checkEntry(m, e);
            if (!seen.add(e.path())) {
                throw bad("manifest names \"" + e.path() + "\" twice");
            }
        }
    }

    private static void checkEntry(Manifest m, Entry e) {
        if (e.type() == null || e.path() == null) {
            throw bad("manifest entry without a type or path");
        }
        checkPath(e.path());
        if (e.type() == EntryType.FILE) {
            long sum = 0;
            for (BlockRef b : e.blocks()) {
                if (b.length() > m.blockSize()) {
                    throw bad("\"" + e.path() + "\": a block of " + b.length() + " bytes exceeds the block size " + m.blockSize());
                }
                sum += b.length();
            }
            if (sum != e.size()) {
                throw bad("\"" + e.path() + "\": size " + e.size() + " but its blocks hold " + sum + " bytes");
            }
        } else if (!e.blocks().isEmpty()) {
            throw bad("\"" + e.path() + "\": a " + e.type() + " has no blocks");
        }
        if (e.type() == EntryType.SYMLINK && (e.linkTarget() == null || e.linkTarget().isEmpty())) {
            throw bad("\"" + e.path() + "\": a symlink without a target");
        }
    }

    private static void checkPath(String path) {
        if (path.isEmpty()) {
            return;
        }
        if (path.startsWith("/") || path.indexOf('\0') >= 0) {
            throw bad("entry path \"" + path + "\" must be relative and without NUL");
        }
        for (String seg : path.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                throw bad("entry path \"" + path + "\" has an empty, \".\" or \"..\" segment");
            }
        }
    }

    private static ReplicationException bad(String message) {
        return new ReplicationException(400, "point commit refused: " + message);
    }
}
