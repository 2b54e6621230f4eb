package io.lifeboat.agent.protect;

import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.replication.protocol.PointDelta;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.ManifestDelta;
import io.lifeboat.repository.ManifestDigest;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.tls.LifeboatException;
import java.util.Optional;

/**
 * How a pass commits its point: as a delta of the last committed point when the agent's record of
 * that point gives its whole manifest and the delta is small against it (at most a tenth of its
 * entries and block references), else whole. A delta the vault cannot build from that parent
 * (pruned, unknown, or not giving what was read) is answered by sending the whole manifest. A pass
 * that keeps its source by its stamp commits the last point's own manifest ({@link #commitUnchanged}):
 * its delta is empty and built directly, with the digest kept from the last point.
 */
final class PointCommits {
    /** A delta is sent when it carries at most 1/DELTA_FRACTION of the whole manifest's entries and blocks. */
    static final int DELTA_FRACTION = 10;

    private final VaultApi vault;

    PointCommits(VaultApi vault) {
        this.vault = vault;
    }

    private boolean sentAsDelta;
    private String manifestSha256;

    PointInfo commit(PreviousPoint previous, PointCommit whole) {
        ManifestDelta delta = delta(previous, whole.manifest());
        if (delta != null) {
            manifestSha256 = delta.sha256();
        }
        return commit(delta, whole);
    }

    /**
     * Commits {@code whole}, whose manifest is the last point's own (a source kept by its stamp), as
     * the delta that changes nothing: built directly ({@link ManifestDelta#unchanged}), not by
     * comparing every block ref with themselves, and carrying {@code knownSha256}, the manifest's
     * digest as the agent kept it with the last point, or the digest computed here when it kept none.
     * Always sent as a delta when there is a last point: it carries one entry, never more than the whole.
     */
    PointInfo commitUnchanged(PreviousPoint previous, PointCommit whole, String knownSha256) {
        ManifestDelta delta = null;
        if (previous.exists()) {
            manifestSha256 = knownSha256 != null ? knownSha256 : ManifestDigest.of(whole.manifest());
            delta = ManifestDelta.unchanged(previous.point(), whole.manifest(), manifestSha256);
        }
        return commit(delta, whole);
    }

    private PointInfo commit(ManifestDelta delta, PointCommit whole) {
        if (delta != null) {
            Optional<PointInfo> point = vault.commitDelta(new PointDelta(whole.bytesSent(), whole.consistency(), delta));
            if (point.isPresent()) {
                sentAsDelta = true;
                return point.get();
            }
            // refused: a digest the vault's parent does not give is not kept for the next kept pass to send again
            manifestSha256 = null;
        }
        return vault.commit(whole);
    }

    /** Whether the last {@link #commit} went as a delta. */
    boolean sentAsDelta() {
        return sentAsDelta;
    }

    /**
     * The {@link ManifestDigest} of the manifest the last commit was of, when this commit computed or
     * was given it (a delta was built); null when not (kept with the stamp for the next kept pass).
     */
    String manifestSha256() {
        return manifestSha256;
    }

    /** The delta worth sending from the last point to {@code manifest}, or null. */
    static ManifestDelta delta(PreviousPoint previous, Manifest manifest) {
        if (!previous.exists()) {
            return null;
        }
        Manifest parent = previous.manifest(manifest.source(), manifest.kind());
        if (parent == null) {
            return null;
        }
        ManifestDelta delta;
        try {
            delta = ManifestDelta.between(previous.point(), parent, manifest);
        } catch (LifeboatException | IllegalArgumentException e) {
            return null; // a manifest the delta's rules cannot express (paths out of their order): send it whole
        }
        if (delta == null) {
            return null;
        }
        long whole = 0;
        for (Entry e : manifest.entries()) {
            whole += 1 + e.blocks().size();
        }
        return delta.weight() * DELTA_FRACTION <= whole ? delta : null;
    }
}
