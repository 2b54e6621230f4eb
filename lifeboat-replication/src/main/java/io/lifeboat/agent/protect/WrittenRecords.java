package io.lifeboat.agent.protect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The records {@link KnownBlocksStore} last wrote for each source, kept parsed, with what their two
 * files looked like right after: a running agent ({@code --interval}) is the only writer of its
 * folder, so its next pass takes them from here instead of reading and parsing both files again
 * (an image of 1 GiB: a 1.7 MB block record at every pass). A file that is not as it was left
 * (another size, modification time or inode: written, replaced or removed by anything else) is
 * read from disk as before.
 *
 * <p>What is kept stays in the heap between passes, every source's at once where a pass held one
 * source's at a time: so only up to a budget, in the records' bytes on disk (about their size in
 * memory); a source whose records would pass it is read at each pass as before.
 */
final class WrittenRecords {
    /** What a record file looked like: its size, modification time and file key (device and inode). */
    private record Look(long size, FileTime modified, Object fileKey) {
        static Look of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Look(a.size(), a.lastModifiedTime(), a.fileKey());
        }
    }

    private record Kept(RecordAppend.Read read, Look blocks, Look entries) {
        long bytes() {
            return blocks.size() + entries.size();
        }
    }

    private final Map<String, Kept> bySource = new ConcurrentHashMap<>();
    private final long budgetBytes;

    /** @param budgetBytes the most record bytes kept for all sources together */
    WrittenRecords(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /**
     * Keeps the records just written to {@code blockFile} and {@code entryFile} for {@code key};
     * nothing when either cannot be looked at (the next pass reads them).
     */
    void written(String key, RecordAppend.Read read, Path blockFile, Path entryFile) {
        bySource.remove(key);
        Kept k;
        try {
            k = new Kept(read, Look.of(blockFile), Look.of(entryFile));
        } catch (IOException e) {
            return;
        }
        long others = bySource.values().stream().mapToLong(Kept::bytes).sum();
        if (others + k.bytes() <= budgetBytes) {
            bySource.put(key, k);
        }
    }

    /**
     * The records kept for {@code key} when both files are still as they were left and the records
     * are of {@code source} (named as given) in {@code blockSize}-byte blocks; else null (read them).
     */
    RecordAppend.Read unchanged(String key, Path blockFile, Path entryFile, String source, int blockSize) {
        Kept k = bySource.get(key);
        if (k == null || k.read().known().record().blockSize() != blockSize
                || k.read().last().record().blockSize() != blockSize || !k.read().last().record().source().equals(source)) {
            return null;
        }
        try {
            if (Objects.equals(Look.of(blockFile), k.blocks()) && Objects.equals(Look.of(entryFile), k.entries())) {
                return k.read();
            }
        } catch (IOException e) {
            // gone or unreadable: reading it says which
        }
        bySource.remove(key);
        return null;
    }

    void forget(String key) {
        bySource.remove(key);
    }

    void forgetAll() {
        bySource.clear();
    }

    /**
     * The extent of a record just appended to: its base as it was read, one more segment, ending
     * where the file now ends (the append cut any torn tail and wrote its frame there).
     */
    static RecordSegments.Extent appended(RecordSegments.Extent was, Path file) throws IOException {
        return new RecordSegments.Extent(was.baseBytes(), Files.size(file), was.segments() + 1, was.baseEntries());
    }

    /** The extent of a record just written whole: a base of {@code entries} entries and no segments. */
    static RecordSegments.Extent whole(Path file, int entries) throws IOException {
        long size = Files.size(file);
        return new RecordSegments.Extent(size, size, 0, entries);
    }
}
