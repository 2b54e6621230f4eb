package io.lifeboat.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a tree holds, entry by entry: type, permissions, modification time, content or link target. */
final class TreeSnapshot {
    private TreeSnapshot() {
    }

    static Map<String, String> of(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String rel = root.relativize(p).toString();
                PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String what;
                if (a.isSymbolicLink()) {
                    what = "symlink -> " + Files.readSymbolicLink(p);
                } else {
                    String kind = a.isDirectory() ? "dir" : "file " + a.size() + " bytes sha256 "
                            + io.lifeboat.repository.BlockId.of(Files.readAllBytes(p)).hex();
                    what = kind + " " + PosixFilePermissions.toString(a.permissions())
                            + " mtime " + a.lastModifiedTime().toMillis();
                }
                out.put(rel, what);
            }
        }
        return out;
    }

    static void assertSameTree(Path expected, Path actual) throws IOException {
        assertThat(of(actual)).isEqualTo(of(expected));
    }
}
