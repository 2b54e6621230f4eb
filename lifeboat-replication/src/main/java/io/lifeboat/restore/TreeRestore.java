package io.lifeboat.restore;

import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.tls.LifeboatException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Restores a DIRECTORY point into a folder: folders first (parents before children), then files
 * (sparse, each block verified before it is written), then symlinks, then folder modes and mtimes
 * deepest first (writing children changes a folder's mtime; a read-only folder would block them),
 * then everything is made durable at once ({@link TreeSync}), not file by file.
 * Paths were checked by {@code ManifestRules}; every parent on the way is also checked to be a real
 * folder, never a link, so a symlink in the tree (or already in a forced target) cannot redirect a write.
 *
 * <p>In place (a forced restore into a folder that holds data: failback), a file already there is
 * compared and written only where it differs ({@link DeltaWriter}); a file that already matches is
 * left alone and only its mode and mtime corrected; a link that already points right is kept.
 * {@code beforeChange} runs before the first thing in the folder changes (the caller's marker).
 */
final class TreeRestore {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final FileWriter writer;
    private final Progress progress;
    private final boolean force;
    private final DeltaWriter inPlace;
    private final Runnable beforeChange;

    /** Replaces what is in the way (with force); nothing is written in place. */
    TreeRestore(FileWriter writer, Progress progress, boolean force) {
        this(writer, progress, force, null, () -> { });
    }

    /** @param inPlace null to replace existing files, else the writer that brings them to the point in place */
    TreeRestore(FileWriter writer, Progress progress, boolean force, DeltaWriter inPlace, Runnable beforeChange) {
        this.writer = writer;
        this.progress = progress;
        this.force = force;
        this.inPlace = inPlace;
        this.beforeChange = beforeChange;
    }

    void restore(Manifest m, Path target) {
        Path root = target.toAbsolutePath().normalize();
        List<Entry> dirs = new ArrayList<>();
        List<Entry> files = new ArrayList<>();
        List<Entry> links = new ArrayList<>();
        for (Entry e : m.entries()) {
            switch (e.type()) {
                case DIRECTORY -> dirs.add(e);
                case FILE -> files.add(e);
                case SYMLINK -> links.add(e);
                default -> throw new IllegalStateException("unknown entry type " + e.type());
            }
        }
        dirs.sort(Comparator.comparingInt(TreeRestore::depth));
        try {
            mkdir(root);
            for (Entry d : dirs) {
                progress.entry(d.path());
                mkdir(resolve(root, d.path()));
                progress.directories++;
            }
            List<Path> written = new ArrayList<>(files.size());
            for (Entry f : files) {
                progress.entry(f.path());
                Path p = resolve(root, f.path());
                if (inPlace != null && Files.isRegularFile(p, NOFOLLOW)) {
                    if (!Files.isReadable(p) || !Files.isWritable(p)) {
                        Targets.setMode(p, Targets.mode(p) | 0600); // its mode is set to the point's just below
                    }
                    inPlace.write(f, p, true, false);
                } else {
                    beforeChange.run();
                    clear(p);
                    writer.writeSparse(f, p, false);
                }
                written.add(p);
                Targets.setMode(p, f.mode());
                Targets.setMtime(p, f.mtimeNanos());
                progress.files++;
            }
            for (Entry l : links) {
                progress.entry(l.path());
                Path p = resolve(root, l.path());
                if (inPlace == null || !Files.isSymbolicLink(p) || !Files.readSymbolicLink(p).toString().equals(l.linkTarget())) {
                    beforeChange.run();
                    clear(p);
                    Files.createSymbolicLink(p, p.getFileSystem().getPath(l.linkTarget()));
                }
                Targets.setMtime(p, l.mtimeNanos());
                progress.symlinks++;
            }
            dirs.sort(Comparator.comparingInt(TreeRestore::depth).reversed());
            for (Entry d : dirs) {
                Path p = resolve(root, d.path());
                Targets.setMode(p, d.mode());
                Targets.setMtime(p, d.mtimeNanos());
            }
            TreeSync.sync(root, written);
        } catch (IOException e) {
            throw FileWriter.failure(root, new Entry("", EntryType.DIRECTORY, 0, 0, m.sourceBytes(), null, List.of()),
                    progress.bytes, e);
        }
    }

    private static int depth(Entry e) {
        return e.path().isEmpty() ? 0 : e.path().split("/").length;
    }

    /** {@code root/path}, refusing any existing parent on the way that is not a real folder. */
    static Path resolve(Path root, String path) {
        Path p = root;
        if (path.isEmpty()) {
            return p;
        }
        String[] segs = path.split("/");
        for (int i = 0; i < segs.length; i++) {
            if (i > 0 && Files.exists(p, NOFOLLOW) && !Files.isDirectory(p, NOFOLLOW)) {
                throw new RestoreException(Kind.FAILED, "cannot restore \"" + path + "\": " + p
                        + " is not a folder (a link or file is in the way)");
            }
            p = p.resolve(segs[i]);
        }
        return p;
    }

    private void mkdir(Path p) throws IOException {
        if (Files.isDirectory(p, NOFOLLOW)) {
            return;
        }
        beforeChange.run();
        if (Files.exists(p, NOFOLLOW)) {
            if (!force) {
                throw Targets.refuse(p + " exists and is not a folder; add --force to replace it");
            }
            Files.delete(p);
        }
        Path parent = p.getParent();
        if (parent != null && !Files.isDirectory(parent, NOFOLLOW)) {
            mkdir(parent);
        }
        Files.createDirectory(p);
    }

    /** Makes room for a file or link at {@code p}: nothing there, or (with force) a file or link removed. */
    private void clear(Path p) throws IOException {
        if (p.getParent() != null && !Files.isDirectory(p.getParent(), NOFOLLOW)) {
            mkdir(p.getParent());
        }
        if (!Files.exists(p, NOFOLLOW)) {
            return;
        }
        if (Files.isDirectory(p, NOFOLLOW)) {
            throw new RestoreException(Kind.FAILED, "cannot restore " + p + ": a folder is in the way");
        }
        if (!force) {
            throw Targets.refuse(p + " already exists; add --force to replace it");
        }
        Files.delete(p);
    }
}
