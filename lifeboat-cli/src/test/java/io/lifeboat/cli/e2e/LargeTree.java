package io.lifeboat.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real tree of at least {@link #MIN_FILES} files for the end-to-end tests: a copy of the
 * machine's {@code /usr/share} (its many small files and its symlinks, as a system folder holds
 * them; {@code locale} and {@code doc} left out for time), plus what a system folder rarely has:
 * odd names, a deep path, large and sparse files, hard links, the special modes and mode 0,
 * nanosecond mtimes, and small generated files up to the count.
 */
final class LargeTree {
    static final int MIN_FILES = 50_000;
    private static final Path SYSTEM = Path.of("/usr/share");
    private static final List<String> LEFT_OUT = List.of("locale", "doc");

    private LargeTree() {
    }

    static void build(Path root) throws IOException, InterruptedException {
        Files.createDirectories(root);
        copySystemFolder(root.resolve("usr-share"));
        Path extra = Files.createDirectories(root.resolve("extra"));
        oddNames(extra.resolve("odd names"));
        deepPath(extra.resolve("deep"));
        largeFiles(extra.resolve("large"));
        hardLinks(extra.resolve("links"));
        specialModes(extra.resolve("modes"));
        topUp(root.resolve("generated"), MIN_FILES - regularFiles(root));
        assertThat(regularFiles(root)).isGreaterThanOrEqualTo(MIN_FILES);
    }

    /** One {@code cp -a}, so that modes, times, symlinks and hard links within it are kept. */
    private static void copySystemFolder(Path to) throws IOException, InterruptedException {
        if (!Files.isDirectory(SYSTEM)) {
            return; // the generated part tops the count up
        }
        Files.createDirectories(to);
        List<String> cmd = new ArrayList<>(List.of("cp", "-a"));
        try (Stream<Path> children = Files.list(SYSTEM)) {
            children.filter(p -> !LEFT_OUT.contains(p.getFileName().toString())).sorted()
                    .forEach(p -> cmd.add(p.toString()));
        }
        cmd.add(to.toString());
        Process cp = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cp.waitFor()).as("cp -a of %s: %s", SYSTEM, out).isZero();
    }

    private static void oddNames(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> names = new ArrayList<>(List.of("with space", "-leading-dash", "quote'\"s", "tab\there",
                "new\nline", "back\\slash", "percent%20 & hash#", ".hidden", "*glob?[x]", "x".repeat(255)));
        if ("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"))) {
            names.addAll(List.of("ünïcödé ✓", "日本語のファイル", "emoji 🚀", "é".repeat(127)));
        }
        for (String name : names) {
            Files.writeString(dir.resolve(name), "content of " + name, StandardCharsets.UTF_8);
        }
        Files.createSymbolicLink(dir.resolve("link with space"), Path.of("with space"));
        Files.createSymbolicLink(dir.resolve("dangling"), Path.of("../nowhere/at all"));
        Files.createSymbolicLink(dir.resolve("absolute"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(dir.resolve("to a folder"), Path.of(".."));
    }

    private static void deepPath(Path dir) throws IOException {
        Path p = dir;
        for (int i = 0; i < 60; i++) {
            p = p.resolve("level-" + i);
        }
        Files.createDirectories(p);
        Files.writeString(p.resolve("bottom.txt"), "sixty folders down");
    }

    private static void largeFiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        byte[] buf = new byte[1 << 20];
        Random r = new Random(7);
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("random.bin").toFile(), "rw")) {
            for (int i = 0; i < 12; i++) {
                r.nextBytes(buf);
                f.write(buf);
            }
            f.write(buf, 0, 12_345); // ends in a short block
        }
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("sparse.img").toFile(), "rw")) {
            f.setLength(64L << 20);
            r.nextBytes(buf);
            f.seek(40L << 20);
            f.write(buf);
        }
        Files.write(dir.resolve("empty"), new byte[0]);
    }

    private static void hardLinks(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("other"));
        for (int g = 0; g < 5; g++) {
            Path first = Files.writeString(dir.resolve("group-" + g), "linked content " + g + "\n".repeat(g * 1000));
            for (int k = 1; k <= g + 1; k++) {
                Files.createLink(dir.resolve("other/group-" + g + "-link-" + k), first);
            }
        }
    }

    /** A sticky world-writable folder, setuid and setgid programs, a setgid folder, mode 0 for both kinds. */
    private static void specialModes(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("shared"));
        Files.createDirectories(dir.resolve("locked"));
        Files.writeString(dir.resolve("suid"), "#!/bin/sh\n");
        Files.writeString(dir.resolve("shared/sgid"), "#!/bin/sh\n");
        Files.writeString(dir.resolve("nothing"), "mode 0\n");
        Files.writeString(dir.resolve("locked/inside"), "in a folder of mode 0\n");
        Map<String, Integer> modes = Map.of("tmp", 01777, "suid", 04755, "shared", 02775, "shared/sgid", 02755,
                "nothing", 0, "locked", 0);
        long t = 1_650_000_000_123_456_789L;
        for (String p : List.of("shared/sgid", "locked/inside", "tmp", "suid", "shared", "nothing", "locked")) {
            Path f = dir.resolve(p);
            if (modes.containsKey(p)) {
                Files.setAttribute(f, "unix:mode", modes.get(p));
            }
            Files.getFileAttributeView(f, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(t += 1_000_000_007, TimeUnit.NANOSECONDS), null, null);
        }
    }

    /** {@code count} small files of distinct content, 500 to a folder, some of them empty. */
    private static void topUp(Path dir, long count) throws IOException {
        for (int i = 0; i < count; i++) {
            Path sub = dir.resolve(String.format("%03d", i / 500));
            if (i % 500 == 0) {
                Files.createDirectories(sub);
            }
            Files.writeString(sub.resolve("file-" + i + ".txt"), i % 97 == 0 ? "" : "generated file " + i + "\n");
        }
    }

    static long regularFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).count();
        }
    }

    /** Files that are a further hard link to a file met before them in the tree. */
    static long hardLinkCopies(Path root) throws IOException {
        Map<Object, Integer> links = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile() && (Integer) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS) > 1) {
                    links.merge(a.fileKey(), 1, Integer::sum);
                }
            }
        }
        return links.values().stream().mapToLong(n -> n - 1).sum();
    }

    /**
     * Each entry's type, all 12 mode bits and mtime to the nanosecond (a link's target and mtime
     * to the microsecond, all the JDK sets on a link); contents are for {@code diff -r}.
     */
    static Map<String, String> metadata(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                long mtime = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
                String what;
                if (a.isSymbolicLink()) {
                    what = "link -> " + Files.readSymbolicLink(p) + " @" + mtime / 1000 + "us";
                } else {
                    int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
                    what = (a.isDirectory() ? "dir " : "file " + a.size() + " ") + Integer.toOctalString(mode)
                            + " @" + mtime + "ns";
                }
                out.put(root.relativize(p).toString(), what);
            }
        }
        return out;
    }
}
