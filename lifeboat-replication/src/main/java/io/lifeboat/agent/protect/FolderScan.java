package io.lifeboat.agent.protect;

import io.lifeboat.repository.Entry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One folder of a tree as {@link WalkAhead} looks at it ahead of the walk: its children in name
 * order, each with one stat (what it is, a file's stamp), a symlink's target, and for a regular file
 * whose stamp is unchanged since the last point that point's entry ({@link PreviousPoint#unchanged}).
 * Nothing is opened: reading files stays the walk's (and its per-folder read-ahead's).
 *
 * <p>A child that cannot be looked at (gone, unreadable) is kept as its failure, thrown when the
 * walk reaches it, as it was thrown when the walk looked at each child itself; a folder that cannot
 * be listed is the failure of {@link #scan}, thrown when the walk reaches the folder.
 */
final class FolderScan {
    private FolderScan() {
    }

    /**
     * A child of a folder: its stat and, by kind, its mode (folder, symlink), target (symlink) or, for
     * a regular file unchanged since the last point, that point's entry ({@code kept}, nothing read).
     */
    record Child(Path path, String name, BasicFileAttributes attributes, SourceMetadata.Unix unix, int mode,
            String linkTarget, Entry kept) {
    }

    /** A child as the scan left it: what it found, or the failure to throw when the walk reaches it. */
    record Looked(Child done, IOException failure) {
        Child child() throws IOException {
            if (failure != null) {
                throw failure;
            }
            return done;
        }
    }

    /**
     * The children of {@code dir} (entry {@code rel}) in name order, each looked at; a child's entry
     * path is {@code rel/name} ({@code name} at the root).
     */
    static List<Looked> scan(Path dir, String rel, PreviousPoint previous) throws IOException {
        List<Named> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(c -> children.add(new Named(c.getFileName().toString(), c)));
        }
        children.sort(Comparator.comparing(Named::name));
        List<Looked> looked = new ArrayList<>(children.size());
        for (Named c : children) {
            try {
                looked.add(new Looked(look(c.path(), rel.isEmpty() ? c.name() : rel + "/" + c.name(), previous), null));
            } catch (IOException e) {
                looked.add(new Looked(null, e));
            }
        }
        return looked;
    }

    /** A child of a folder and its name, taken once (sorting by {@code getFileName().toString()} made two strings a comparison). */
    private record Named(String name, Path path) {
    }

    private static Child look(Path path, String name, PreviousPoint previous) throws IOException {
        UnixStat stat = UnixStat.of(path); // one stat tells what the child is and, for a file, its stamp
        BasicFileAttributes a = stat.attributes();
        if (a.isRegularFile()) {
            SourceMetadata.Unix unix = stat.unix();
            return new Child(path, name, a, unix, unix.mode(), null, previous.unchanged(name, unix.stamp()));
        }
        if (a.isSymbolicLink()) {
            return new Child(path, name, a, null, stat.mode(path, 0777), Files.readSymbolicLink(path).toString(), null);
        }
        if (a.isDirectory()) {
            return new Child(path, name, a, null, stat.mode(path, 0755), null, null);
        }
        return new Child(path, name, a, null, 0, null, null);
    }
}
