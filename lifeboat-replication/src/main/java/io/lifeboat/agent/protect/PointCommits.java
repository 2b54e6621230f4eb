package io.lifeboat.agent.protect;

import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.replication.protocol.PointDelta;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.ManifestDelta;
import io.lifeboat.repository.ManifestDigest;
import io.lifeboat.repository.ManifestHeader;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.tls.LifeboatException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

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
    /**
     * Where the last {@link #commit} spent its wall time, for the pass's debug line: the delta's
     * building, the part of it spent waiting for the digest ({@link #digestAhead}), and the
     * requests to the vault (the vault's merge, check, digest and durable writes among them).
     */
    private long deltaNanos;
    private long digestWaitNanos;
    private long requestNanos;

    PointInfo commit(PreviousPoint previous, PointCommit whole) {
        return commit(previous, whole, null);
    }

    /**
     * Commits {@code whole}, as a delta of the last point when it is worth it; {@code digest}, when
     * not null, is the manifest's {@link ManifestDigest} being computed ({@link #digestAhead}).
     */
    PointInfo commit(PreviousPoint previous, PointCommit whole, CompletableFuture<String> digest) {
        long started = System.nanoTime();
        ManifestDelta delta = delta(previous, whole.manifest(), digest == null ? null : timed(digest));
        if (delta != null) {
            manifestSha256 = delta.sha256();
        }
        long built = System.nanoTime();
        deltaNanos = built - started;
        PointInfo point = commit(delta, whole);
        requestNanos = System.nanoTime() - built;
        return point;
    }

    /** The digest from {@code digest}, the time spent waiting for it counted in {@link #digestWaitNanos}. */
    private Supplier<String> timed(CompletableFuture<String> digest) {
        return () -> {
            long waited = System.nanoTime();
            try {
                return digest.join();
            } finally {
                digestWaitNanos = System.nanoTime() - waited;
            }
        };
    }

    /** The last {@link #commit}'s phases in ms, for the pass's debug line: "delta D (digest waited for W), requests R". */
    String phases() {
        return "delta " + deltaNanos / 1_000_000 + " (digest waited for " + digestWaitNanos / 1_000_000 + "), requests "
                + requestNanos / 1_000_000;
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

    /**
     * The {@link ManifestDigest} of a tree's {@code manifest}, started on another thread (the common
     * pool, or on 2 cores a thread of its own: CompletableFuture's default) as soon as the walk has
     * it, for the delta {@link #commit} builds: it then runs while the pass's last batch is sent and
     * the changes are found, where it ran after them (0.1-0.5 s of a fresh agent's main thread over a
     * 47,000-entry manifest, its code still cold). Null when no tree delta is built.
     */
    static CompletableFuture<String> digestAhead(PreviousPoint previous, Manifest manifest) {
        if (!previous.exists() || manifest.kind() != SourceKind.DIRECTORY) {
            return null;
        }
        // (CompletableFuture's default executor: a thread per task on 2 cores, cheap once a pass; Protector says why)
        return CompletableFuture.supplyAsync(() -> ManifestDigest.of(manifest));
    }

    /** The delta worth sending from the last point to {@code manifest}, or null. */
    static ManifestDelta delta(PreviousPoint previous, Manifest manifest) {
        return delta(previous, manifest, null);
    }

    /** {@link #delta(PreviousPoint, Manifest)}, a tree's digest taken from {@code digest} when not null. */
    private static ManifestDelta delta(PreviousPoint previous, Manifest manifest, Supplier<String> digest) {
        if (!previous.exists()) {
            return null;
        }
        ManifestDelta delta;
        try {
            delta = manifest.kind() == SourceKind.DIRECTORY ? treeDelta(previous, manifest, digest)
                    : imageDelta(previous, manifest);
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

    /**
     * A tree's delta, from the last point's records walked in step with the new manifest
     * ({@link PreviousPoint#changesTo}): the same delta as {@link ManifestDelta#between} gives from the
     * last point's whole manifest, whose 47,000 entries it took a fresh agent 0.1-0.4 s to build and
     * put in a map after a 1%-of-files pass.
     */
    private static ManifestDelta treeDelta(PreviousPoint previous, Manifest manifest, Supplier<String> digest) {
        PreviousPoint.TreeChanges changes = previous.changesTo(manifest);
        if (changes == null) {
            return null;
        }
        String sha256 = digest == null ? ManifestDigest.of(manifest) : digest.get();
        return new ManifestDelta(previous.point(), ManifestHeader.of(manifest), sha256, changes.changed(),
                changes.removed(), null);
    }

    /** A file, image or device's delta: its changed block positions against the last point's manifest. */
    private static ManifestDelta imageDelta(PreviousPoint previous, Manifest manifest) {
        Manifest parent = previous.manifest(manifest.source(), manifest.kind());
        return parent == null ? null : ManifestDelta.between(previous.point(), parent, manifest);
    }
}
