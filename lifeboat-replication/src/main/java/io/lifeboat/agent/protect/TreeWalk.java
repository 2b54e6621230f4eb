package io.lifeboat.agent.protect;

import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * The walk of a folder tree for one pass: depth-first in name order, without following symlinks,
 * the root as entry "". Each folder's next {@link #LOOK_AHEAD_FILES} children are looked at ahead
 * of the walk on the reader's read-ahead threads, eight to a task (attributes, in one stat each,
 * and small files opened and read), so the walking thread only takes the results in name order.
 * File contents are the {@link SourceReader}'s: this class decides what each child is and in what
 * order entries come.
 *
 * <p>A regular file whose {@link FileStamp} (size, mtime, ctime, inode, device, mode, owner) equals
 * the one recorded at the last committed point keeps that point's entry and blocks without being
 * opened ({@link PreviousPoint#unchanged}): a pass over a tree where 1% of the files changed reads
 * 1% of the bytes. Every file's stamp is kept for the next pass ({@link #stamps}).
 */
final class TreeWalk {
    /** Children of a folder looked at ahead of the walk ({@link #lookAhead}). */
    private static final int LOOK_AHEAD_FILES = 16;
    /** Files up to this size are read by the look-ahead: at most 16 of them, 16 MiB, per folder being walked. */
    private static final long LOOK_AHEAD_BYTES = 1 << 20;
    /** Children one look-ahead task takes, in name order: {@link #LOOK_AHEAD_FILES} are two tasks, one per core. */
    private static final int LOOK_AHEAD_TASK = 8;

    private final SourceReader reader;
    private final ProtectListener listener;
    private final StopSignal stop;
    /** The last point: a file whose stamp is unchanged keeps its entry unread ({@link PreviousPoint#unchanged}). */
    private final PreviousPoint previous;
    /** The stamp of every regular file met, by entry path: recorded with the point for the next pass. */
    private final Map<String, FileStamp> stamps;
    private long filesKept;
    /** Files with more than one hard link, by file key (device and inode), seen so far in the tree. */
    private final Set<Object> linked = new HashSet<>();
    private long hardLinkCopies;

    TreeWalk(SourceReader reader, ProtectListener listener, StopSignal stop, PreviousPoint previous) {
        this.reader = reader;
        this.listener = listener;
        this.stop = stop;
        this.previous = previous;
        // sized for the last point's entries: grown from 16, the map rehashed 47,000 stamps several times
        this.stamps = new HashMap<>(previous.entries() * 4 / 3 + 16);
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

    /**
     * A child of a folder as the look-ahead found it: its attributes and, for a small regular file,
     * the file opened and its blocks read, fingerprinted and hashed ({@link #lookAhead}); for a file
     * unchanged since the last point, instead, that point's entry ({@code kept}), and nothing opened;
     * for a symlink, its target.
     */
    private record Child(Path path, String name, UnixStat stat, String linkTarget, FileChannel channel,
            SourceReader.Group first, Entry kept) {
        BasicFileAttributes attributes() {
            return stat.attributes();
        }

        SourceMetadata.Unix unix() {
            return stat.unix();
        }
    }

    /** Adds the entries of the tree at {@code dir} (named {@code rel} in the point) to {@code entries}. */
    void walk(Path dir, String rel, List<Entry> entries, BlockSink sink) throws IOException, InterruptedException {
        walk(dir, rel, UnixStat.of(dir), entries, sink);
    }

    /**
     * {@link #walk(Path, String, List, BlockSink)} of a folder whose stat was taken: by its parent's
     * look-ahead for every folder but the root, so the walking thread does not stat it again.
     */
    private void walk(Path dir, String rel, UnixStat stat, List<Entry> entries, BlockSink sink)
            throws IOException, InterruptedException {
        entries.add(new Entry(rel, EntryType.DIRECTORY, stat.modeOr(dir, 0755), SourceMetadata.mtimeNanos(stat.attributes()),
                0, null, List.of()));
        List<Named> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(c -> children.add(new Named(c.getFileName().toString(), c)));
        }
        Collections.sort(children); // by name, each comparison a direct String.compareTo
        ArrayDeque<Future<List<Looked>>> ahead = new ArrayDeque<>();
        ArrayDeque<Looked> ready = new ArrayDeque<>();
        int next = 0;
        try {
            for (int i = 0; i < children.size(); i++) {
                stop.check();
                while (next < children.size() && next + LOOK_AHEAD_TASK <= i + LOOK_AHEAD_FILES) {
                    int from = next;
                    int to = Math.min(children.size(), from + LOOK_AHEAD_TASK);
                    ahead.add(reader.readAhead().submit(() -> lookAhead(children, from, to, rel)));
                    next = to;
                }
                if (ready.isEmpty()) {
                    ready.addAll(SourceReader.take(ahead.poll()));
                }
                Child child = ready.poll().child();
                BasicFileAttributes a = child.attributes();
                if (a.isSymbolicLink()) {
                    entries.add(new Entry(child.name(), EntryType.SYMLINK, child.stat().modeOr(child.path(), 0777),
                            SourceMetadata.mtimeNanos(a), 0, child.linkTarget(), List.of()));
                } else if (a.isDirectory()) {
                    walk(child.path(), child.name(), child.stat(), entries, sink);
                } else if (a.isRegularFile()) {
                    if (child.unix().links() > 1 && a.fileKey() != null && !linked.add(a.fileKey())) {
                        hardLinkCopies++;
                    }
                    if (child.unix().stamp() != null) {
                        // keyed by the entry's own path string: LastPoint.of then finds it by identity, not by its characters
                        stamps.put(child.kept() != null ? child.kept().path() : child.name(), child.unix().stamp());
                    }
                    if (child.kept() != null) {
                        reader.keep(child.kept(), previous.file(child.name()));
                        entries.add(child.kept());
                        filesKept++;
                    } else {
                        entries.add(reader.file(child.path(), child.name(), a, child.unix().mode(), sink, child.channel(),
                                child.first()));
                    }
                } else {
                    listener.skipped(child.path(), "not a regular file, directory or symlink");
                }
            }
        } finally {
            for (Future<List<Looked>> f : ahead) { // a pass stopped or failed: close what was opened ahead
                List<Looked> looked = SourceReader.await(f);
                if (looked != null) {
                    ready.addAll(looked);
                }
            }
            for (Looked looked : ready) {
                close(looked.done());
            }
        }
    }

    /** Gives back what the look-ahead read of a child the walk did not take, and closes its file. */
    private void close(Child c) {
        if (c != null && c.channel() != null) {
            reader.giveBack(c.first());
            try {
                c.channel().close();
            } catch (IOException ignored) {
                // only read from: nothing is lost, and the failure that ended the walk is the one to report
            }
        }
    }

    /**
     * A child of a folder and its name, taken once: sorting by {@code getFileName().toString()}
     * made two strings a comparison. In name order by its own {@code compareTo}: a
     * {@code Comparator.comparing(Named::name)} went through two lambdas and an interface call per
     * comparison: a tenth of a fresh agent's main-thread samples in a tree's 1% pass (JFR).
     */
    private record Named(String name, Path path) implements Comparable<Named> {
        @Override
        public int compareTo(Named other) {
            return name.compareTo(other.name);
        }
    }

    /**
     * One child as the look-ahead left it: what it found, or the failure to throw when the walk
     * reaches the child (as it would have been thrown had the walk looked at it then).
     */
    private record Looked(Child done, IOException failure) {
        Child child() throws IOException {
            if (failure != null) {
                throw failure;
            }
            return done;
        }
    }

    /**
     * Children {@code from} to {@code to} of a folder, looked at in one task: a task per child cost
     * the hand-over of a task and a wake-up of the walking thread per file, more than the stat of a
     * file that is kept unread.
     */
    private List<Looked> lookAhead(List<Named> children, int from, int to, String rel) {
        List<Looked> looked = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
            Named c = children.get(k);
            try {
                looked.add(new Looked(lookAhead(c.path(), rel.isEmpty() ? c.name() : rel + "/" + c.name()), null));
            } catch (IOException e) {
                looked.add(new Looked(null, e));
            } catch (RuntimeException | Error e) {
                looked.forEach(l -> close(l.done()));
                throw e;
            }
        }
        return looked;
    }

    /**
     * What the walk needs of one child, found ahead of the walk on the read-ahead threads: its
     * attributes and mode, a symlink's target, for a regular file its link count, and for one of at most
     * {@link #LOOK_AHEAD_BYTES} the file opened and read (its first and only group). In a tree of
     * small files the per-file work (a stat, open, read, fingerprint, hash, close) was all on the
     * walking thread, one file after another; now that thread only takes the results in order. A
     * failure is kept and thrown when the walk reaches the child, as it would have been then.
     */
    private Child lookAhead(Path path, String name) throws IOException {
        UnixStat stat = UnixStat.of(path); // one stat tells what the child is, its mode and, for a file, its stamp
        BasicFileAttributes a = stat.attributes();
        if (a.isSymbolicLink()) {
            return new Child(path, name, stat, Files.readSymbolicLink(path).toString(), null, null, null);
        }
        if (!a.isRegularFile()) {
            return new Child(path, name, stat, null, null, null, null);
        }
        Entry kept = previous.unchanged(name, stat.unix().stamp());
        if (kept != null || a.size() > LOOK_AHEAD_BYTES) {
            return new Child(path, name, stat, null, null, null, kept); // kept unread, or read by the walk
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new Child(path, name, stat, null, ch, reader.readFirstGroup(ch, a.size(), name), null);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }
}
