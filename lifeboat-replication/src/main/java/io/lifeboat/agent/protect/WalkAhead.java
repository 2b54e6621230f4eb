package io.lifeboat.agent.protect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;

/**
 * The folders of a tree scanned ahead of its walk ({@link FolderScan}), across folders: a folder's
 * subfolders are scanned as soon as its own scan has found them, on the read-ahead threads (both
 * cores), while the walking thread takes the entries of the folders before them. The walk used to
 * look ahead within one folder at a time, so at each of a 50,000-file tree's 3,700 folders it
 * waited for the folder's listing and the first stats; now it mostly finds a folder scanned.
 *
 * <p>Order: at most {@link #FOLDERS_AHEAD} folders are scanned and not yet taken; the rest of the
 * folders found wait in walk order (depth first, in name order), so the threads always scan the
 * next folders the walk will need. A folder the walk reaches before a thread has started its scan
 * (the window was full, or the threads are busy reading files) is scanned by the walking thread
 * itself. The walk still takes entries in the manifest's order: only the looking is ahead.
 */
final class WalkAhead {
    /**
     * Folders scanned (or being scanned) and not yet taken by the walk: bounds memory to about this
     * many folders' children, and is far enough ahead (about 600 entries in a tree of 13 files a
     * folder) that the walk rarely waits.
     */
    static final int FOLDERS_AHEAD = 48;

    private final ExecutorService pool;
    private final PreviousPoint previous;
    /** Folders found by a scan and not yet scanned, in walk order. */
    private final TreeSet<Folder> found = new TreeSet<>(Comparator.comparing(Folder::rel, WalkAhead::walkOrder));
    /** Scans started and not yet taken, by the folder's entry path. */
    private final Map<String, FutureTask<List<FolderScan.Looked>>> started = new HashMap<>();
    private boolean closed;

    WalkAhead(ExecutorService pool, PreviousPoint previous) {
        this.pool = pool;
        this.previous = previous;
    }

    /** A folder of the tree: where it is, and its entry path. */
    private record Folder(Path dir, String rel) {
    }

    /**
     * The children of folder {@code dir} (entry {@code rel}) in name order, each looked at: from its
     * scan ahead, waited for, or scanned now when it has not started. The folder's listing failure
     * (unreadable, gone) is thrown here, when the walk reaches the folder.
     */
    List<FolderScan.Looked> take(Path dir, String rel) throws IOException, InterruptedException {
        FutureTask<List<FolderScan.Looked>> scan;
        synchronized (this) {
            scan = started.remove(rel);
            if (scan == null) {
                found.remove(new Folder(dir, rel));
            }
            startScans(); // one fewer ahead: the next folder the walk needs may start
        }
        if (scan != null) {
            scan.run(); // still queued behind other reads: the walking thread scans it now (else this does nothing)
            return ReadAhead.take(scan);
        }
        List<FolderScan.Looked> looked = FolderScan.scan(dir, rel, previous);
        foundIn(looked);
        return looked;
    }

    /** Ends the scanning: scans not started are dropped, those running are waited for. */
    void close() {
        List<FutureTask<List<FolderScan.Looked>>> running;
        synchronized (this) {
            closed = true;
            found.clear();
            running = new ArrayList<>(started.values());
            started.clear();
        }
        for (FutureTask<List<FolderScan.Looked>> f : running) {
            f.cancel(false);
            ReadAhead.await(f); // nothing opened, nothing to give back: only that no scan outlives the walk
        }
    }

    /** Scans one folder on a read-ahead thread, then lets its subfolders be scanned. */
    private List<FolderScan.Looked> scan(Folder folder) throws IOException {
        List<FolderScan.Looked> looked = FolderScan.scan(folder.dir(), folder.rel(), previous);
        foundIn(looked);
        return looked;
    }

    private void foundIn(List<FolderScan.Looked> looked) {
        synchronized (this) {
            if (closed) {
                return;
            }
            for (FolderScan.Looked l : looked) {
                FolderScan.Child c = l.done();
                if (c != null && c.attributes().isDirectory()) {
                    found.add(new Folder(c.path(), c.name()));
                }
            }
            startScans();
        }
    }

    /** Starts scans, the next in walk order first, while fewer than {@link #FOLDERS_AHEAD} are ahead. */
    private void startScans() {
        while (!closed && started.size() < FOLDERS_AHEAD && !found.isEmpty()) {
            Folder next = found.pollFirst();
            FutureTask<List<FolderScan.Looked>> scan = new FutureTask<>(() -> scan(next));
            started.put(next.rel(), scan);
            pool.execute(scan);
        }
    }

    /**
     * The walk's order of two entry paths: depth first, siblings in name order. A string comparison
     * with '/' below every other character: "a/b" (inside "a") comes before "a-c" (after "a").
     */
    static int walkOrder(String x, String y) {
        int n = Math.min(x.length(), y.length());
        for (int i = 0; i < n; i++) {
            char a = x.charAt(i);
            char b = y.charAt(i);
            if (a != b) {
                return a == '/' ? -1 : b == '/' ? 1 : Character.compare(a, b);
            }
        }
        return Integer.compare(x.length(), y.length());
    }
}
