package io.lifeboat.vault.ops;

import io.lifeboat.repository.PointInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the repository occupies: bytes on disk per top-level folder ({@code data}, {@code index},
 * {@code points}, ...), and per machine the points kept with their logical size and bytes sent.
 */
public record StorageUse(long totalBytes, Map<String, Long> byFolder, List<MachineUse> machines) {

    public record MachineUse(String machine, int points, long sourceBytes, long bytesSent) {
    }

    /** Only the walk of the repository folder (no per-machine part). */
    public static StorageUse disk(Path repo) {
        Map<String, Long> folders = new TreeMap<>();
        long total = 0;
        if (Files.isDirectory(repo)) {
            try (Stream<Path> s = Files.walk(repo)) {
                for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                    long size = sizeOf(p);
                    Path rel = repo.relativize(p);
                    folders.merge(rel.getNameCount() > 1 ? rel.getName(0).toString() : "(top)", size, Long::sum);
                    total += size;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new StorageUse(total, folders, List.of());
    }

    /** Per machine: points kept, the data they hold and the bytes sent for them. */
    public static List<MachineUse> perMachine(List<PointInfo> points) {
        Map<String, MachineUse> m = new TreeMap<>();
        for (PointInfo p : points) {
            m.merge(p.machine(), new MachineUse(p.machine(), 1, p.sourceBytes(), p.bytesSent()),
                    (a, b) -> new MachineUse(a.machine(), a.points() + 1, a.sourceBytes() + b.sourceBytes(),
                            a.bytesSent() + b.bytesSent()));
        }
        return List.copyOf(m.values());
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0; // removed while walking (a prune, a temporary file)
        }
    }
}
