package io.lifeboat.agent.protect;

import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import java.util.List;
import java.util.Objects;

/**
 * The items of a {@link LastPoint}, one array per field and an item an index into them: a tree's
 * record holds 47,000 items (5 million for a large file server), and the loading of a fresh agent
 * built an entry, a stamp and an item per file (and {@link PreviousPoint} a map node) before its
 * walk could start, where these arrays are filled in place. An {@link Entry} is made only for a file
 * that a pass keeps or compares ({@link PreviousPoint}).
 *
 * <p>Filled by one thread ({@link LastPointCodec}, {@link LastPoint#of}) before the {@link LastPoint}
 * holding it is made, then never changed: the record's final field publishes it to other threads.
 */
final class LastPointItems {
    private static final EntryType[] TYPES = EntryType.values();
    /** Longs a stamp takes in {@link #stampLongs}: size, mtime, ctime, inode, device. */
    private static final int LONGS = 5;
    /** Ints a stamp takes in {@link #stampInts}: mode, uid, gid. */
    private static final int INTS = 3;

    private final String[] paths;
    private final byte[] types;
    private final int[] modes;
    private final long[] mtimes;
    private final long[] sizes;
    /** The symlinks' targets; null for every other item (almost all of them). */
    private final String[] links;
    private final long[] nonZero;
    /** Whether item i has a trusted stamp; its fields are then in the two arrays below. */
    private final boolean[] stamped;
    private final long[] stampLongs;
    private final int[] stampInts;

    LastPointItems(int count) {
        paths = new String[count];
        types = new byte[count];
        modes = new int[count];
        mtimes = new long[count];
        sizes = new long[count];
        links = new String[count];
        nonZero = new long[count];
        stamped = new boolean[count];
        stampLongs = new long[LONGS * count];
        stampInts = new int[INTS * count];
    }

    /** Items made from whole ones (tests, and records built by hand). */
    static LastPointItems of(List<LastPoint.Item> items) {
        LastPointItems made = new LastPointItems(items.size());
        for (int i = 0; i < items.size(); i++) {
            LastPoint.Item item = items.get(i);
            Entry e = item.entry();
            made.set(i, e.path(), e.type().ordinal(), e.mode(), e.mtimeNanos(), e.size(), e.linkTarget(),
                    item.nonZeroBlocks());
            made.stamp(i, item.stamp());
        }
        return made;
    }

    int size() {
        return paths.length;
    }

    /** Sets item {@code i}'s entry fields ({@code type} an {@link EntryType} ordinal, checked by the caller). */
    void set(int i, String path, int type, int mode, long mtimeNanos, long size, String link, long nonZeroBlocks) {
        paths[i] = path;
        types[i] = (byte) type;
        modes[i] = mode;
        mtimes[i] = mtimeNanos;
        sizes[i] = size;
        links[i] = link;
        nonZero[i] = nonZeroBlocks;
    }

    /** Sets item {@code i}'s stamp; null leaves it without one. */
    void stamp(int i, FileStamp s) {
        if (s != null) {
            stamp(i, s.size(), s.mtimeNanos(), s.ctimeNanos(), s.inode(), s.device(), s.mode(), s.uid(), s.gid());
        }
    }

    void stamp(int i, long size, long mtimeNanos, long ctimeNanos, long inode, long device, int mode, int uid, int gid) {
        stamped[i] = true;
        int l = LONGS * i;
        stampLongs[l] = size;
        stampLongs[l + 1] = mtimeNanos;
        stampLongs[l + 2] = ctimeNanos;
        stampLongs[l + 3] = inode;
        stampLongs[l + 4] = device;
        int k = INTS * i;
        stampInts[k] = mode;
        stampInts[k + 1] = uid;
        stampInts[k + 2] = gid;
    }

    /** Copies {@code n} items from index {@code from} to {@code into}'s index {@code to}. */
    void copy(int from, LastPointItems into, int to, int n) {
        System.arraycopy(paths, from, into.paths, to, n);
        System.arraycopy(types, from, into.types, to, n);
        System.arraycopy(modes, from, into.modes, to, n);
        System.arraycopy(mtimes, from, into.mtimes, to, n);
        System.arraycopy(sizes, from, into.sizes, to, n);
        System.arraycopy(links, from, into.links, to, n);
        System.arraycopy(nonZero, from, into.nonZero, to, n);
        System.arraycopy(stamped, from, into.stamped, to, n);
        System.arraycopy(stampLongs, LONGS * from, into.stampLongs, LONGS * to, LONGS * n);
        System.arraycopy(stampInts, INTS * from, into.stampInts, INTS * to, INTS * n);
    }

    /** The paths, by index: for {@link PathIndex} and {@link InStepPaths}, which only read them. */
    String[] paths() {
        return paths;
    }

    String path(int i) {
        return paths[i];
    }

    EntryType type(int i) {
        return TYPES[types[i]];
    }

    int mode(int i) {
        return modes[i];
    }

    long mtimeNanos(int i) {
        return mtimes[i];
    }

    long entrySize(int i) {
        return sizes[i];
    }

    String link(int i) {
        return links[i];
    }

    long nonZeroBlocks(int i) {
        return nonZero[i];
    }

    boolean stamped(int i) {
        return stamped[i];
    }

    /** Item {@code i}'s entry with {@code blocks}. */
    Entry entry(int i, List<BlockRef> blocks) {
        return new Entry(paths[i], TYPES[types[i]], modes[i], mtimes[i], sizes[i], links[i], blocks);
    }

    /** Item {@code i}'s stamp; null when it has none. */
    FileStamp stamp(int i) {
        if (!stamped[i]) {
            return null;
        }
        int l = LONGS * i;
        int k = INTS * i;
        return new FileStamp(stampLongs[l], stampLongs[l + 1], stampLongs[l + 2], stampLongs[l + 3], stampLongs[l + 4],
                stampInts[k], stampInts[k + 1], stampInts[k + 2]);
    }

    /** Whether item {@code i} has a stamp equal to {@code s} in every field ({@link FileStamp#equals}). */
    boolean stampEquals(int i, FileStamp s) {
        int l = LONGS * i;
        int k = INTS * i;
        return stamped[i] && stampLongs[l] == s.size() && stampLongs[l + 1] == s.mtimeNanos()
                && stampLongs[l + 2] == s.ctimeNanos() && stampLongs[l + 3] == s.inode() && stampLongs[l + 4] == s.device()
                && stampInts[k] == s.mode() && stampInts[k + 1] == s.uid() && stampInts[k + 2] == s.gid();
    }

    /** Whether item {@code i} equals item {@code j} of {@code o} in every field, stamp included. */
    boolean same(int i, LastPointItems o, int j) {
        if (types[i] != o.types[j] || modes[i] != o.modes[j] || mtimes[i] != o.mtimes[j] || sizes[i] != o.sizes[j]
                || nonZero[i] != o.nonZero[j] || stamped[i] != o.stamped[j] || !Objects.equals(links[i], o.links[j])
                || !paths[i].equals(o.paths[j])) {
            return false;
        }
        if (!stamped[i]) {
            return true;
        }
        for (int n = 0; n < LONGS; n++) {
            if (stampLongs[LONGS * i + n] != o.stampLongs[LONGS * j + n]) {
                return false;
            }
        }
        for (int n = 0; n < INTS; n++) {
            if (stampInts[INTS * i + n] != o.stampInts[INTS * j + n]) {
                return false;
            }
        }
        return true;
    }
}
