package io.lifeboat.repository;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Test helpers: cut bytes or a folder into a manifest and its uploads, the way the agent does
 * (fixed-size blocks, all-zero blocks skipped, zstd where it pays).
 */
public final class Fixtures {
    public static final PointMeta META = new PointMeta(0, "TLSv1.3", "TLS_AES_256_GCM_SHA384", "crash-consistent");

    private Fixtures() {
    }

    /** A manifest and the bodies of its non-zero blocks. */
    public record Cut(Manifest manifest, Map<BlockId, BlockUpload> uploads) {
        public List<BlockUpload> uploadList() {
            return new ArrayList<>(uploads.values());
        }
    }

    public static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** An image: random data with runs of zeros (every third block) . */
    public static byte[] image(long seed, int blocks, int blockSize) {
        byte[] img = random(seed, blocks * blockSize);
        for (int i = 0; i < blocks; i += 3) {
            Arrays.fill(img, i * blockSize, (i + 1) * blockSize, (byte) 0);
        }
        return img;
    }

    public static Cut cutImage(byte[] img, int blockSize, SourceKind kind) {
        Map<BlockId, BlockUpload> uploads = new LinkedHashMap<>();
        List<BlockRef> refs = cut(img, blockSize, uploads);
        Entry e = new Entry("", EntryType.FILE, 0640, 1_700_000_123_000_000_001L, img.length, null, refs);
        return new Cut(new Manifest(Manifest.FORMAT_VERSION, "/srv/disk.img", kind, blockSize, List.of(e)), uploads);
    }

    static List<BlockRef> cut(byte[] data, int blockSize, Map<BlockId, BlockUpload> uploads) {
        List<BlockRef> refs = new ArrayList<>();
        for (int off = 0; off < data.length; off += blockSize) {
            int len = Math.min(blockSize, data.length - off);
            byte[] block = Arrays.copyOfRange(data, off, off + len);
            if (allZero(block)) {
                refs.add(BlockRef.zero(len));
                continue;
            }
            BlockId id = BlockId.of(block);
            refs.add(new BlockRef(id, len));
            byte[] z = Zstd.compress(block, 3);
            uploads.putIfAbsent(id, z.length < len ? new BlockUpload(id, z, BlockEncoding.ZSTD)
                    : new BlockUpload(id, block, BlockEncoding.RAW));
        }
        return refs;
    }

    static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** Walks a folder (not following links) into a DIRECTORY manifest. */
    public static Cut cutTree(Path root, int blockSize) throws IOException {
        Map<BlockId, BlockUpload> uploads = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.sorted().toList();
        }
        for (Path p : paths) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            long mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).to(java.util.concurrent.TimeUnit.NANOSECONDS);
            if (Files.isSymbolicLink(p)) {
                entries.add(new Entry(rel, EntryType.SYMLINK, 0777, mtime, 0, Files.readSymbolicLink(p).toString(), List.of()));
            } else if (Files.isDirectory(p)) {
                entries.add(new Entry(rel, EntryType.DIRECTORY, mode(p), mtime, 0, null, List.of()));
            } else {
                byte[] data = Files.readAllBytes(p);
                entries.add(new Entry(rel, EntryType.FILE, mode(p), mtime, data.length, null, cut(data, blockSize, uploads)));
            }
        }
        return new Cut(new Manifest(Manifest.FORMAT_VERSION, root.toString(), SourceKind.DIRECTORY, blockSize, entries), uploads);
    }

    /** All 12 mode bits (setuid, setgid, sticky and permissions). */
    public static int mode(Path p) throws IOException {
        Object unix = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if (unix instanceof Integer m) {
            return m & 07777;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        int mode = 0;
        for (PosixFilePermission perm : perms) {
            mode |= 1 << (8 - perm.ordinal());
        }
        return mode;
    }

    /** Uploads what the machine lacks and commits: what an agent's protect does. */
    public static PointInfo protect(Repository repo, String machine, Cut cut) {
        var missing = repo.missing(machine, cut.uploads().keySet());
        List<BlockUpload> send = cut.uploads().values().stream().filter(u -> missing.contains(u.id())).toList();
        if (!send.isEmpty()) {
            repo.putBlocks(machine, send);
        }
        long sent = send.stream().mapToLong(u -> u.length()).sum();
        return repo.commitPoint(machine, cut.manifest(), new PointMeta(sent, META.tlsVersion(), META.cipherSuite(),
                META.consistency()));
    }

    /** Where {@code needle} first stands in {@code hay} (a block's id in a pack file), or -1. */
    public static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
