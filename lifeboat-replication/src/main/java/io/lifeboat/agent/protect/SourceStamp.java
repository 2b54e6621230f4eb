package io.lifeboat.agent.protect;

import java.time.Duration;

/**
 * What the agent recorded of an image or file source (not a tree, not a block device: {@link
 * SourceKinds#keptByStamp}) with the point a pass committed of it: the source's {@link FileStamp}
 * as that pass took it <em>before</em> it began to read, so a write during the read makes the next
 * stamp differ. The next pass keeps the source unread, and commits the last point's blocks again
 * under a new point, only when {@link #keeps} says so.
 *
 * @param source         the source's absolute path (the record's key)
 * @param point          the committed point this stamp belongs to
 * @param passStartNanos when the pass that took the stamp started (epoch ns): the stamp is trusted
 *                       only if it was settled before then ({@link FileStamp#settledBefore})
 * @param fullReadMillis when the last pass that read the whole source started (epoch ms): a kept
 *                       pass carries it on, so {@code --reread-after} counts from the last real read
 * @param manifestSha256 the {@link io.lifeboat.repository.ManifestDigest} of the manifest the agent
 *                       committed as {@code point}, when the pass had it at hand (it sent a delta,
 *                       or was kept); null when not known. A kept pass sends it as the digest of
 *                       its unchanged delta instead of hashing 32,768 block records again; the vault
 *                       checks the point it builds against it exactly as against a computed one.
 */
record SourceStamp(String source, String point, FileStamp stamp, long passStartNanos, long fullReadMillis,
        String manifestSha256) {

    SourceStamp {
        if (source.isEmpty() || point.isEmpty() || stamp == null) {
            throw new IllegalArgumentException("a source stamp needs a source, a point and a stamp");
        }
        if (manifestSha256 != null && !manifestSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a manifest digest is 64 lowercase hex digits, not \"" + manifestSha256 + "\"");
        }
    }

    /**
     * Whether a pass may keep the source unread: {@code now} (the stamp this pass took) equals the
     * recorded one field for field, that one was settled before the pass that took it (a change
     * within the same clock tick as its stat would not show in it), this record belongs to the
     * point the agent's other records describe ({@code lastPoint}: the one the new point is built
     * on), and the last full read is younger than {@code rereadAfter} as of {@code nowMillis}
     * (a clock set back before it counts as too old).
     */
    boolean keeps(FileStamp now, String lastPoint, long nowMillis, Duration rereadAfter) {
        long age = nowMillis - fullReadMillis;
        return now != null && now.equals(stamp) && point.equals(lastPoint) && stamp.settledBefore(passStartNanos)
                && age >= 0 && age < rereadAfter.toMillis();
    }
}
