package io.lifeboat.repository;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The SHA-256 of a manifest in one canonical form, the same however the manifest is held or split:
 * per entry its path, type, mode, mtime, size and link target, then its blocks, consecutive all-zero
 * blocks of one length counted as one run (so a run cut in two by chunks or by a delta hashes as
 * one). An agent that sends a point as a delta of its parent sends this digest of the manifest it
 * read; the vault computes it over the manifest it built from the parent and the delta, and refuses
 * a difference ({@link DeltaCommit}).
 */
public final class ManifestDigest implements ManifestVisitor {
    private static final byte ENTRY = 1;
    private static final byte BLOCK = 2;
    private static final byte ZEROS = 3;

    private final MessageDigest sha = BlockId.sha256();
    private final ByteBuffer scratch = ByteBuffer.allocate(64);
    private final ZeroRuns zeroRuns = new ZeroRuns(this::hashZeros);

    /** The digest of a whole in-memory manifest. */
    public static String of(Manifest m) {
        ManifestDigest d = new ManifestDigest();
        d.replay(m);
        return d.hex();
    }

    @Override
    public void entry(Entry e) {
        flushZeros();
        text(e.path());
        scratch.clear().put(ENTRY).putInt(e.type().ordinal()).putInt(e.mode()).putLong(e.mtimeNanos()).putLong(e.size());
        sha.update(scratch.array(), 0, scratch.position());
        if (e.linkTarget() == null) {
            sha.update((byte) 0);
        } else {
            sha.update((byte) 1);
            text(e.linkTarget());
        }
    }

    @Override
    public void block(BlockId id, int length) {
        flushZeros();
        sha.update(BLOCK);
        sha.update(id.toBytes());
        scratch.clear().putInt(length);
        sha.update(scratch.array(), 0, 4);
    }

    @Override
    public void zeros(long count, int length) {
        zeroRuns.add(count, length);
    }

    /** The digest as 64 lowercase hex digits; the visitor is spent. */
    public String hex() {
        flushZeros();
        return HexFormat.of().formatHex(sha.digest());
    }

    private void flushZeros() {
        zeroRuns.flush();
    }

    private void hashZeros(long count, int length) {
        scratch.clear().put(ZEROS).putLong(count).putInt(length);
        sha.update(scratch.array(), 0, scratch.position());
    }

    private void text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        scratch.clear().putInt(b.length);
        sha.update(scratch.array(), 0, 4);
        sha.update(b);
    }
}
