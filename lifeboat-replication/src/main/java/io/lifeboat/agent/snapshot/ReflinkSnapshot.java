package io.lifeboat.agent.snapshot;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A reflink copy of the source ({@code cp -a --reflink=always}) in a hidden folder beside it,
 * {@code PARENT/.lifeboat-snapshot-PID/NAME}: on a file system that can clone (btrfs, XFS,
 * bcachefs, ZFS 2.2+) it shares the source's blocks, so it is quick and takes little space, and
 * it holds the source as it was at one instant per file. The copy keeps the source's name (so an
 * image is still known by its suffix), modes, times and hard links, and is deleted after the pass.
 * Where the file system cannot clone, cp refuses and the pass stops with cp's reason; nothing is
 * copied the slow way.
 */
public record ReflinkSnapshot(Commands commands) implements SnapshotProvider {
    @Override
    public String name() {
        return "reflink";
    }

    @Override
    public Snapshot take(Path source) {
        Path abs = source.toAbsolutePath().normalize();
        if (abs.getParent() == null || abs.getFileName() == null) {
            throw new SnapshotException("cannot take a reflink snapshot of " + source
                    + ": the copy goes beside the source, and the root has no folder above it");
        }
        Path dir = abs.getParent().resolve(".lifeboat-snapshot-" + ProcessHandle.current().pid());
        Path copy = dir.resolve(abs.getFileName().toString());
        try {
            deleteTree(dir); // left by a run of the same pid that was killed
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new SnapshotException("cannot take a reflink snapshot of " + source + ": cannot create " + dir
                    + ": " + e.getMessage());
        }
        Commands.Result r = commands.run(command(abs, copy), Map.of());
        if (!r.ok()) {
            try {
                deleteTree(dir);
            } catch (IOException ignored) {
                // reported below with the cause that matters
            }
            throw new SnapshotException("cannot take a reflink snapshot of " + source + ": " + r.reason()
                    + (r.reason().contains("Operation not supported") || r.reason().contains("Invalid argument")
                    ? " (this file system cannot clone files; use --snapshot lvm or script, or none)" : ""));
        }
        return new Snapshot() {
            @Override
            public Path path() {
                return copy;
            }

            @Override
            public Consistency consistency() {
                return Consistency.CRASH_CONSISTENT;
            }

            @Override
            public void release(Consumer<String> notices) {
                try {
                    deleteTree(dir);
                } catch (IOException e) {
                    notices.accept("cannot delete the reflink snapshot " + dir + " (" + e.getMessage()
                            + "): delete it by hand");
                }
            }
        };
    }

    /** {@code cp -a --reflink=always --no-target-directory SOURCE COPY}. */
    static List<String> command(Path source, Path copy) {
        return List.of("cp", "-a", "--reflink=always", "--no-target-directory", "--", source.toString(), copy.toString());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                d.toFile().setWritable(true, true); // a read-only folder of the copy must still be emptied
                d.toFile().setExecutable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
