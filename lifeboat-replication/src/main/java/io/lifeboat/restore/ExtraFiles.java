package io.lifeboat.restore;

import io.lifeboat.repository.Entry;
import io.lifeboat.repository.Manifest;
import io.lifeboat.tls.LifeboatException.Kind;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a folder restored in place holds that the point does not: found after the restore, listed in
 * the result, and removed only when asked ({@code failover --delete-extra}), since a failback must
 * not silently delete what someone put on the old machine. A folder the point lacks is one entry,
 * with a trailing "/", and is removed whole; links are never followed.
 */
final class ExtraFiles {
    private ExtraFiles() {
    }

    /** The paths under {@code root} (relative, "/"-separated, sorted) that no entry of {@code m} names. */
    static List<String> find(Manifest m, Path root) {
        Set<String> known = new HashSet<>();
        for (Entry e : m.entries()) {
            known.add(e.path());
        }
        List<String> extra = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String rel = relative(root, dir);
                    if (rel.isEmpty() || known.contains(rel)) {
                        return FileVisitResult.CONTINUE;
                    }
                    extra.add(rel + "/");
                    return FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String rel = relative(root, file);
                    if (!known.contains(rel)) {
                        extra.add(rel);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new RestoreException(Kind.FAILED, "cannot list " + root + " for files the point does not hold: " + e, e);
        }
        extra.sort(null);
        return extra;
    }

    /**
     * Removes the paths {@link #find} listed (a folder with all it holds), then sets the mtime of each
     * folder they were in back to the point's: removing an entry changes its folder's mtime.
     */
    static void remove(Manifest m, Path root, List<String> extra) {
        java.util.Map<String, Entry> byPath = new java.util.HashMap<>();
        for (Entry e : m.entries()) {
            byPath.put(e.path(), e);
        }
        Set<String> parents = new HashSet<>();
        for (String rel : extra) {
            Path p = TreeRestore.resolve(root, rel.endsWith("/") ? rel.substring(0, rel.length() - 1) : rel);
            try {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    try (var walk = Files.walk(p)) {
                        for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(q);
                        }
                    }
                } else {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new RestoreException(Kind.FAILED, "cannot remove " + p + ", which the point does not hold: " + e, e);
            }
            String trimmed = rel.endsWith("/") ? rel.substring(0, rel.length() - 1) : rel;
            int slash = trimmed.lastIndexOf('/');
            parents.add(slash < 0 ? "" : trimmed.substring(0, slash));
        }
        for (String parent : parents) {
            Entry dir = byPath.get(parent);
            if (dir != null) {
                try {
                    Targets.setMtime(TreeRestore.resolve(root, parent), dir.mtimeNanos());
                } catch (IOException e) {
                    throw new RestoreException(Kind.FAILED, "cannot set the mtime of " + root.resolve(parent) + ": " + e, e);
                }
            }
        }
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    }
}
