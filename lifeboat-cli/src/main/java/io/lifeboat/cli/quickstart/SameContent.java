package io.lifeboat.cli.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Compares a source with its restore: bytes of files, names and kinds of tree entries, link targets. */
final class SameContent {
    private SameContent() {
    }

    /** The first difference, or empty when {@code restored} holds exactly what {@code source} holds. */
    static Optional<String> difference(Path source, Path restored) throws IOException {
        if (!Files.isDirectory(source)) {
            long at = Files.mismatch(source, restored);
            return at < 0 ? Optional.empty() : Optional.of("the files differ at byte " + at);
        }
        List<Path> a = walk(source);
        List<Path> b = walk(restored);
        List<String> namesA = a.stream().map(p -> source.relativize(p).toString()).toList();
        List<String> namesB = b.stream().map(p -> restored.relativize(p).toString()).toList();
        if (!namesA.equals(namesB)) {
            return Optional.of("the trees hold different names");
        }
        for (int i = 0; i < a.size(); i++) {
            Path x = a.get(i);
            Path y = b.get(i);
            if (Files.isSymbolicLink(x)) {
                if (!Files.isSymbolicLink(y) || !Files.readSymbolicLink(x).equals(Files.readSymbolicLink(y))) {
                    return Optional.of(namesA.get(i) + ": symlink differs");
                }
            } else if (Files.isRegularFile(x, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isRegularFile(y, LinkOption.NOFOLLOW_LINKS) || Files.mismatch(x, y) >= 0) {
                    return Optional.of(namesA.get(i) + ": content differs");
                }
            } else if (Files.isDirectory(x, LinkOption.NOFOLLOW_LINKS) != Files.isDirectory(y, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(namesA.get(i) + ": kind differs");
            }
        }
        return Optional.empty();
    }

    private static List<Path> walk(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    || Files.isSymbolicLink(p)).sorted().toList();
        }
    }
}
