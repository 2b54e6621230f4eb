package io.lifeboat.restore;

import io.lifeboat.repository.Entry;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.ManifestRules;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.hashing.MultiBlockSha256;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.LifeboatException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Materialises a recovery point at a target path: a FILE, IMAGE or BLOCK_DEVICE point becomes a
 * sparse file (written to a hidden partial file next to TARGET, then renamed over it, so TARGET never
 * holds half a restore) or is written onto an existing device; a DIRECTORY point becomes a folder
 * tree. Forced onto a target that already holds data (a file or a block device), it writes in
 * place only the blocks that differ ({@link DeltaWriter}), under an {@link IncompleteMarker}. See the
 * package notes for the guarantees.
 */
public final class Failover {
    private final Repository repo;
    private final RestoreListener listener;

    public Failover(Repository repo, RestoreListener listener) {
        this.repo = repo;
        this.listener = listener == null ? RestoreListener.NONE : listener;
    }

    /**
     * @param pointIdOrLatest "latest", a point id or an unambiguous prefix
     * @throws io.lifeboat.repository.IntegrityException when a block is damaged or missing (names it)
     * @throws RestoreException for a target that may not or cannot be written (non-empty, full disk)
     */
    public RestoreResult run(String machine, String pointIdOrLatest, Path target, FailoverOptions options) {
        PointInfo point = repo.point(machine, pointIdOrLatest);
        Manifest m = repo.manifest(machine, point.id());
        ManifestRules.check(m, repo.options().maxBlockBytes());
        IncompleteMarker marker = IncompleteMarker.of(target, options.deviceMarkers());
        String left = marker.left().orElse(null);
        if (left != null && !options.force()) {
            throw Targets.refuse("--to " + target + " is incomplete: a failover in place (" + left + ") was"
                    + " interrupted and it may mix two points (" + marker.standing() + "); add --force to finish it");
        }
        if (m.kind() == SourceKind.DIRECTORY) {
            Targets.checkTreeTarget(target, options.force());
        } else {
            Targets.checkFileTarget(target, options.force());
        }
        boolean inPlace = m.kind() == SourceKind.DIRECTORY
                ? options.force() && Files.isDirectory(target) && !Targets.isEmptyDir(target)
                : Targets.writesInPlace(target, options.force());
        if (m.sourceBytes() > MultiBlockSha256.WARM_UP_PAYS_AFTER_BYTES) {
            MultiBlockSha256.prepare(); // every block is re-hashed: the kernel pays (when the JVM has the Vector API)
        }
        listener.start(point, m.sourceBytes());
        Progress progress = new Progress(listener);
        BlockFetcher blocks = new BlockFetcher(repo, machine, point.id());
        Runnable beforeChange = () -> marker.write(machine, point.id(), listener::warning);
        List<String> extra = List.of();
        try (FileWriter writer = new FileWriter(blocks, progress)) {
            if (m.kind() == SourceKind.DIRECTORY && inPlace) {
                extra = restoreTreeInPlace(m, target, new TreeRestore(writer, progress, true,
                        new DeltaWriter(blocks, progress, beforeChange), beforeChange), options, beforeChange, marker);
            } else if (m.kind() == SourceKind.DIRECTORY) {
                // a fresh tree is marked too: cut off midway it is half a point, and a rerun finishes it in place
                try {
                    new TreeRestore(writer, progress, options.force(), null, beforeChange).restore(m, target);
                } catch (LifeboatException x) {
                    throw incomplete(marker, x);
                }
            } else if (inPlace) {
                restoreInPlace(m.entries().get(0), target, new DeltaWriter(blocks, progress, beforeChange), progress, marker);
            } else {
                restoreFile(m.entries().get(0), target, writer, progress);
            }
        }
        // in place, or over what an interrupted run left, TARGET is whole only once it is read back whole
        boolean check = options.test() || inPlace || left != null;
        if (check) {
            try {
                new RestoreCheck(listener).check(m, target);
            } catch (LifeboatException x) {
                throw incomplete(marker, x);
            }
            marker.remove();
        } else {
            marker.remove(); // a fresh tree written whole (a single file was renamed into place, unmarked)
        }
        RestoreResult result = new RestoreResult(point, target, progress.bytes, blocks.verified.get(), progress.zeroBlocks,
                progress.files, progress.directories, progress.symlinks, options.test(), check, blocks.bytes.get(),
                progress.bytesWritten, inPlace, left, extra);
        listener.done(result);
        return result;
    }

    /**
     * Writes a FILE entry over an existing file or block device where it differs; a failure once the
     * marker is written says that TARGET is now incomplete, keeping the failure's kind (exit code).
     */
    private static void restoreInPlace(Entry e, Path target, DeltaWriter writer, Progress progress,
            IncompleteMarker marker) {
        progress.entry(e.path());
        progress.files++;
        boolean regular = Files.isRegularFile(target);
        try {
            writer.write(e, target, regular, true);
            if (regular) {
                Targets.setMode(target, e.mode());
                Targets.setMtime(target, e.mtimeNanos());
            }
        } catch (IOException x) {
            throw incomplete(marker, new RestoreException(Kind.FAILED, "cannot set the metadata of " + target + ": " + x, x));
        } catch (LifeboatException x) {
            throw incomplete(marker, x);
        }
    }

    /** A folder restored in place; returns what it holds that the point does not (removed when asked). */
    private static List<String> restoreTreeInPlace(Manifest m, Path target, TreeRestore tree, FailoverOptions options,
            Runnable beforeChange, IncompleteMarker marker) {
        try {
            tree.restore(m, target);
            Path root = target.toAbsolutePath().normalize();
            List<String> extra = ExtraFiles.find(m, root);
            if (options.deleteExtra() && !extra.isEmpty()) {
                beforeChange.run();
                ExtraFiles.remove(m, root, extra);
            }
            return extra;
        } catch (LifeboatException x) {
            throw incomplete(marker, x);
        }
    }

    private static LifeboatException incomplete(IncompleteMarker marker, LifeboatException x) {
        if (!Files.exists(marker.standing())) {
            return x; // nothing was written yet: TARGET is as it was
        }
        return new RestoreException(x.kind(), x.getMessage() + "; the target is left incomplete and may mix two"
                + " points (" + marker.standing() + "): run the same failover with --force again to finish it", x);
    }

    private static void restoreFile(Entry e, Path target, FileWriter writer, Progress progress) {
        progress.entry(e.path());
        progress.files++;
        if (Targets.isDevice(target)) {
            writer.writeDevice(e, target);
            return;
        }
        Path abs = target.toAbsolutePath();
        Path partial = abs.resolveSibling("." + abs.getFileName() + ".lifeboat-partial");
        try {
            Files.deleteIfExists(partial);
            writer.writeSparse(e, partial);
            Targets.setMode(partial, e.mode());
            Targets.setMtime(partial, e.mtimeNanos());
            Files.move(partial, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException x) {
            throw new RestoreException(Kind.FAILED, "cannot write " + target + ": " + x, x);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: the partial file is hidden and named as such
            }
        }
    }
}
