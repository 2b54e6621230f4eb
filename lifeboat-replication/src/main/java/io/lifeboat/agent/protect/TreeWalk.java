package io.lifeboat.agent.protect;

import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * The walk of a folder tree for one pass: depth-first in name order, without following symlinks,
 * the root as entry "". The folders are scanned ahead of the walk, across folders, on the reader's
 * read-ahead threads ({@link WalkAhead}: each child's stat, a symlink's target, whether a file is
 * unchanged); of the files to be read, each folder's next {@link #LOOK_AHEAD_FILES} small ones are
 * opened and read ahead too ({@link SmallFiles}), so the walking thread mostly takes results in name
 * order. File contents are the {@link SourceReader}'s: this class decides what each child is and in
 * what order entries come.
 *
 * <p>A regular file whose {@link FileStamp} (size, mtime, ctime, inode, device, mode, owner) equals
 * the one recorded at the last committed point keeps that point's entry and blocks without being
 * opened ({@link PreviousPoint#unchanged}): a pass over a tree where 1% of the files changed reads
 * 1% of the bytes. Every file's stamp is kept for the next pass ({@link #stamps}).
 */
final class TreeWalk {
    /** Small files of a folder opened and read ahead of the walk ({@link SmallFiles}). */
    private static final int LOOK_AHEAD_FILES = 16;
    /** Files up to this size are read ahead: at most 16 of them, 16 MiB, per folder being walked. */
    private static final long LOOK_AHEAD_BYTES = 1 << 20;
    /** Small files one read-ahead task takes, in name order: {@link #LOOK_AHEAD_FILES} are two tasks, one per core. */
    private static final int LOOK_AHEAD_TASK = 8;

    private final SourceReader reader;
    private final ProtectListener listener;
    private final StopSignal stop;
    /** The last point: a file whose stamp is unchanged keeps its entry unread ({@link PreviousPoint#unchanged}). */
    private final PreviousPoint previous;
    /** The stamp of every regular file met, by entry path: recorded with the point for the next pass. */
    private final Map<String, FileStamp> stamps = new HashMap<>();
    private long filesKept;
    /** Files with more than one hard link, by file key (device and inode), seen so far in the tree. */
    private final Set<Object> linked = new HashSet<>();
    private long hardLinkCopies;

    TreeWalk(SourceReader reader, ProtectListener listener, StopSignal stop, PreviousPoint previous) {
        this.reader = reader;
        this.listener = listener;
        this.stop = stop;
        this.previous = previous;
    }

    /** The stamps of the tree's regular files as this pass found them, by entry path. */
    Map<String, FileStamp> stamps() {
        return stamps;
    }

    /** Regular files kept from the last point without being opened (their stamp was unchanged). */
    long filesKept() {
        return filesKept;
    }

    /**
     * Files of the tree that are hard links to a file stored earlier in the pass: each is stored
     * (and restored) as a separate copy of it, sharing its blocks in the vault.
     */
    long hardLinkCopies() {
        return hardLinkCopies;
    }

    /** A small file opened and its first (and only) group read ahead of the walk, or the failure to throw when it is reached. */
    private record Opened(FileChannel channel, SourceReader.Group first, IOException failure) {
    }

    /** Adds the entries of the tree at {@code root} (named {@code rel} in the point: "" for a source) to {@code entries}. */
    void walk(Path root, String rel, List<Entry> entries, BlockSink sink) throws IOException, InterruptedException {
        BasicFileAttributes da = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        WalkAhead ahead = new WalkAhead(reader.readAhead(), previous);
        try {
            walk(ahead, root, rel, SourceMetadata.mode(root, 0755), da, entries, sink);
        } finally {
            ahead.close(); // a pass stopped or failed: no scan outlives the walk
        }
    }

    /** Adds the entries of folder {@code dir} (entry {@code rel}, with its mode and attributes), then of its children. */
    private void walk(WalkAhead ahead, Path dir, String rel, int mode, BasicFileAttributes da, List<Entry> entries,
            BlockSink sink) throws IOException, InterruptedException {
        entries.add(new Entry(rel, EntryType.DIRECTORY, mode, SourceMetadata.mtimeNanos(da), 0, null, List.of()));
        List<FolderScan.Looked> children = ahead.take(dir, rel);
        SmallFiles small = new SmallFiles(children);
        try {
            for (FolderScan.Looked looked : children) {
                stop.check();
                FolderScan.Child child = looked.child();
                BasicFileAttributes a = child.attributes();
                if (a.isSymbolicLink()) {
                    entries.add(new Entry(child.name(), EntryType.SYMLINK, child.mode(), SourceMetadata.mtimeNanos(a), 0,
                            child.linkTarget(), List.of()));
                } else if (a.isDirectory()) {
                    walk(ahead, child.path(), child.name(), child.mode(), a, entries, sink);
                } else if (a.isRegularFile()) {
                    file(child, small, entries, sink);
                } else {
                    listener.skipped(child.path(), "not a regular file, directory or symlink");
                }
            }
        } finally {
            small.close();
        }
    }

    /** A regular file's entry: kept from the last point, or read (its first group perhaps read ahead). */
    private void file(FolderScan.Child child, SmallFiles small, List<Entry> entries, BlockSink sink)
            throws IOException, InterruptedException {
        BasicFileAttributes a = child.attributes();
        if (child.unix().links() > 1 && a.fileKey() != null && !linked.add(a.fileKey())) {
            hardLinkCopies++;
        }
        Entry kept = child.kept();
        if (child.unix().stamp() != null) {
            // keyed by the entry's own path string, so that LastPoint.of finds it by identity, not by its characters
            stamps.put(kept != null ? kept.path() : child.name(), child.unix().stamp());
        }
        if (kept != null) {
            reader.keep(kept, previous.file(child.name()));
            entries.add(kept);
            filesKept++;
            return;
        }
        Opened opened = readsAhead(child) ? small.take() : null;
        if (opened != null && opened.failure() != null) {
            throw opened.failure();
        }
        entries.add(reader.file(child.path(), child.name(), a, child.unix().mode(), sink,
                opened == null ? null : opened.channel(), opened == null ? null : opened.first()));
    }

    /** Whether the walk reads this child's first group ahead: a regular file to read, of at most {@link #LOOK_AHEAD_BYTES}. */
    private static boolean readsAhead(FolderScan.Child c) {
        return c.attributes().isRegularFile() && c.kept() == null && c.attributes().size() <= LOOK_AHEAD_BYTES;
    }

    /**
     * The small files of one folder that are to be read, opened and read ahead of the walk on the
     * read-ahead threads, {@link #LOOK_AHEAD_TASK} to a task and at most {@link #LOOK_AHEAD_FILES}
     * ahead, taken by the walk in name order. In a tree of small files the per-file work (open, read,
     * fingerprint, hash, close) was all on the walking thread, one file after another; a task per file
     * cost a hand-over and a wake-up of the walking thread per file.
     */
    private final class SmallFiles {
        private final List<FolderScan.Looked> children;
        private final ArrayDeque<Future<List<Opened>>> ahead = new ArrayDeque<>();
        private final ArrayDeque<Opened> ready = new ArrayDeque<>();
        /** The next child to consider for a task. */
        private int next;
        private int submitted;
        private int taken;

        SmallFiles(List<FolderScan.Looked> children) {
            this.children = children;
            startTasks(); // the first files are read while the walk takes the children before them
        }

        /** The next small file to be read, in name order (the walk asks only for those {@link #readsAhead}). */
        Opened take() throws IOException, InterruptedException {
            startTasks();
            if (ready.isEmpty()) {
                ready.addAll(SourceReader.take(ahead.poll()));
            }
            taken++;
            return ready.poll();
        }

        private void startTasks() {
            while (submitted - taken + LOOK_AHEAD_TASK <= LOOK_AHEAD_FILES && next < children.size()) {
                List<FolderScan.Child> task = new ArrayList<>(LOOK_AHEAD_TASK);
                while (task.size() < LOOK_AHEAD_TASK && next < children.size()) {
                    FolderScan.Child c = children.get(next++).done();
                    if (c != null && readsAhead(c)) {
                        task.add(c);
                    }
                }
                if (!task.isEmpty()) {
                    ahead.add(reader.readAhead().submit(() -> open(task)));
                    submitted += task.size();
                }
            }
        }

        /** Gives back what was read ahead and not taken (a pass stopped or failed), and closes the files. */
        void close() {
            for (Future<List<Opened>> f : ahead) {
                List<Opened> opened = SourceReader.await(f);
                if (opened != null) {
                    ready.addAll(opened);
                }
            }
            ready.forEach(TreeWalk.this::close);
        }
    }

    /** Opens and reads the first group of each file of a task; a failure is kept for when the walk reaches the file. */
    private List<Opened> open(List<FolderScan.Child> files) {
        List<Opened> opened = new ArrayList<>(files.size());
        for (FolderScan.Child c : files) {
            try {
                opened.add(open(c));
            } catch (IOException e) {
                opened.add(new Opened(null, null, e));
            } catch (RuntimeException | Error e) {
                opened.forEach(this::close);
                throw e;
            }
        }
        return opened;
    }

    private Opened open(FolderScan.Child c) throws IOException {
        FileChannel ch = FileChannel.open(c.path(), StandardOpenOption.READ);
        try {
            return new Opened(ch, reader.readFirstGroup(ch, c.attributes().size(), c.name()), null);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Gives back what was read ahead of a file the walk did not take, and closes it. */
    private void close(Opened o) {
        if (o != null && o.channel() != null) {
            reader.giveBack(o.first());
            try {
                o.channel().close();
            } catch (IOException ignored) {
                // only read from: nothing is lost, and the failure that ended the walk is the one to report
            }
        }
    }
}
