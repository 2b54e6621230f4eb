package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.SourceKind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk of a tree, with its look-ahead on other threads, gives the entries a plain depth-first
 * walk in name order gives: the same paths in the same order, types, modes, times, sizes, symlink
 * targets and blocks; and a second pass over the unchanged tree keeps every file unread and gives
 * the same entries again.
 */
class TreeWalkTest {
    private static final int BS = 4096;
    /** Folders side by side, and the depth of a chain of folders: more than a look-ahead of a few dozen reaches. */
    private static final int FOLDERS = 60;

    @TempDir
    Path tmp;

    @Test
    void deepAndWideFoldersSymlinksAndOddNamesComeAsAPlainWalkGivesThem() throws Exception {
        Path root = tree();

        Manifest m = read(root, KnownBlocks.NONE, PreviousPoint.NONE).manifest;

        List<Entry> expected = expected(root, "");
        assertThat(m.entries()).extracting(Entry::path).containsExactlyElementsOf(expected.stream().map(Entry::path).toList());
        for (int i = 0; i < m.entries().size(); i++) {
            assertThat(m.entries().get(i)).as("entry %s", expected.get(i).path()).isEqualTo(expected.get(i));
        }
    }

    @Test
    void aSecondPassOverTheUnchangedTreeKeepsEveryFileUnreadAndGivesTheSameEntries() throws Exception {
        Path root = tree();
        Pass first = read(root, KnownBlocks.NONE, PreviousPoint.NONE);
        String point = "20261206T170000Z-0123abcd";
        // stamps are trusted only when older than the pass that took them by a clock tick: that pass is "later" here
        long later = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) + TimeUnit.SECONDS.toNanos(10);
        LastPoint last = LastPoint.of(first.manifest, point, 0, first.reader.stamps(), later);
        KnownBlocks known = first.reader.record(point);
        PreviousPoint previous = new PreviousPoint(last, known, true);

        Pass second = read(root, known, previous);

        long files = first.manifest.entries().stream().filter(e -> e.type() == EntryType.FILE).count();
        assertThat(second.reader.filesKept()).isEqualTo(files);
        assertThat(second.sunk.get()).as("no block handed to the sink").isZero();
        assertThat(second.manifest.entries()).isEqualTo(first.manifest.entries());
        assertThat(second.reader.stamps()).isEqualTo(first.reader.stamps());
    }

    /**
     * {@link #FOLDERS} and more side by side and a chain deeper than that,
     * names whose order differs from their paths' ("a" and its "a/w/y" before "a-c", "a.b", "a b"),
     * files around {@link BlockGroupReader}'s read-ahead size, empty ones, modes and times set,
     * and symlinks to a file, to a folder (not followed) and to nothing.
     */
    private Path tree() throws IOException {
        Path root = tmp.resolve("tree");
        Random r = new Random(12);
        for (int i = 0; i < FOLDERS + 20; i++) {
            Path d = Files.createDirectories(root.resolve(String.format("wide/%03d", i)));
            for (int k = 0; k < i % 4; k++) {
                write(d.resolve("f" + k), r, r.nextInt(3 * BS));
            }
        }
        Path deep = root;
        for (int i = 0; i < FOLDERS + 10; i++) {
            deep = Files.createDirectories(deep.resolve("d" + i));
            write(deep.resolve("file"), r, 100 + i);
        }
        for (String name : List.of("a", "a-c", "a.b", "a b", "B", "ü", "z")) {
            Files.createDirectories(root.resolve(name));
            write(root.resolve(name).resolve("x"), r, 10);
        }
        Files.createDirectories(root.resolve("a/w/y"));
        write(root.resolve("big"), r, (1 << 20) + 3 * BS + 17); // past the per-folder read-ahead's size
        write(root.resolve("just small"), r, 1 << 20);
        Files.write(root.resolve("empty"), new byte[0]);
        Path script = write(root.resolve("run.sh"), r, 30);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setLastModifiedTime(script, FileTime.fromMillis(1_600_000_000_123L));
        Files.setPosixFilePermissions(root.resolve("a-c"), PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(root.resolve("link to file"), Path.of("a/x"));
        Files.createSymbolicLink(root.resolve("link to folder"), Path.of("wide"));
        Files.createSymbolicLink(root.resolve("wide/000/dangling"), Path.of("nowhere"));
        return root;
    }

    private static Path write(Path p, Random r, int size) throws IOException {
        byte[] data = new byte[size];
        r.nextBytes(data);
        if (size > 2 * BS) {
            java.util.Arrays.fill(data, BS, 2 * BS, (byte) 0); // an all-zero block among them
        }
        return Files.write(p, data);
    }

    /** The entries of {@code dir} and below, as a plain recursive walk in name order finds them. */
    private static List<Entry> expected(Path dir, String rel) throws IOException {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(rel, EntryType.DIRECTORY, SourceMetadata.mode(dir, 0755), mtime(dir), 0, null, List.of()));
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(children::add);
        }
        children.sort((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString()));
        for (Path c : children) {
            String name = rel.isEmpty() ? c.getFileName().toString() : rel + "/" + c.getFileName();
            if (Files.isSymbolicLink(c)) {
                entries.add(new Entry(name, EntryType.SYMLINK, SourceMetadata.mode(c, 0777), mtime(c), 0,
                        Files.readSymbolicLink(c).toString(), List.of()));
            } else if (Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)) {
                entries.addAll(expected(c, name));
            } else {
                byte[] data = Files.readAllBytes(c);
                List<BlockRef> blocks = new ArrayList<>();
                for (int at = 0; at < data.length; at += BS) {
                    int length = Math.min(BS, data.length - at);
                    boolean zero = true;
                    for (int i = at; i < at + length && zero; i++) {
                        zero = data[i] == 0;
                    }
                    blocks.add(zero ? BlockRef.zero(length) : new BlockRef(BlockId.of(data, at, length), length));
                }
                entries.add(new Entry(name, EntryType.FILE, SourceMetadata.mode(c, 0644), mtime(c), data.length, null,
                        blocks));
            }
        }
        return entries;
    }

    private static long mtime(Path p) throws IOException {
        return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
    }

    private record Pass(Manifest manifest, SourceReader reader, AtomicInteger sunk) {
    }

    private static Pass read(Path root, KnownBlocks known, PreviousPoint previous) throws Exception {
        BlockBuffers buffers = new BlockBuffers(BS, 64);
        SourceReader reader = new SourceReader(BS, ProtectListener.NONE, new StopSignal(), buffers, known,
                new BlockFingerprint(new FingerprintKey(7)));
        reader.keepUnchanged(previous);
        AtomicInteger sunk = new AtomicInteger();
        Manifest m = reader.read(root, root.toString(), SourceKind.DIRECTORY, (id, data, length, incompressible) -> {
            sunk.incrementAndGet();
            buffers.give(data);
        });
        return new Pass(m, reader, sunk);
    }
}
