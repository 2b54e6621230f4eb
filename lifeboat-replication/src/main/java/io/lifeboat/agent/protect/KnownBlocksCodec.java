package io.lifeboat.agent.protect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The file form of {@link KnownBlocks}, streamed so that a large device's record never sits in a
 * byte array twice. Big-endian:
 * <pre>
 *   "LBKNOWN2"                      magic and format version
 *   int blockSize, UTF source, UTF point, int fileCount
 *   per file: UTF name, int n, n x int length, n x (long high, long low) fingerprint, n x 32-byte SHA-256
 *   int CRC-32C of every byte before it
 *   then any number of segments, each what one pass changed ({@link #segment}, framed by {@link RecordSegments})
 * </pre>
 * A record that fails any check is refused with the reason and where; the caller then hashes
 * every block, which is always safe. So is a record of an older version ("LBKNOWN1" held the
 * forgeable CRC fingerprints): the first pass after an upgrade hashes every block once.
 */
final class KnownBlocksCodec {
    private static final byte[] MAGIC = {'L', 'B', 'K', 'N', 'O', 'W', 'N', '2'};
    /** The first 7 bytes of every version's magic; the 8th is the version. */
    private static final int MAGIC_PREFIX = 7;
    /** Bytes a block takes in the record: length, 128-bit fingerprint, digest. */
    static final int BYTES_PER_BLOCK = 4 + 16 + 32;
    /** Bytes a file takes in the record at least (its name's length, its block count): bounds the count. */
    private static final int MIN_FILE_BYTES = 2 + 4;

    private KnownBlocksCodec() {
    }

    static void write(KnownBlocks record, String source, OutputStream out) throws IOException {
        RecordOutput d = new RecordOutput(out);
        d.write(MAGIC);
        d.writeInt(record.blockSize());
        d.writeUTF(source);
        d.writeUTF(record.point());
        d.writeInt(record.files().size());
        for (Map.Entry<String, KnownBlocks.File> e : record.files().entrySet()) {
            writeFile(d, e.getKey(), e.getValue());
        }
        d.finish();
    }

    private static void writeFile(RecordOutput d, String name, KnownBlocks.File f) throws IOException {
        d.writeUTF(name);
        d.writeInt(f.blocks());
        d.writeInts(f.lengths());
        d.writeLongs(f.fingerprints());
        d.write(f.digests());
    }

    /**
     * The body of the segment that brings the record {@code from} to {@code to} (the next point's):
     * <pre>
     *   UTF from point, UTF to point
     *   int removed, per removed file: UTF name
     *   int changed, per changed or added file: as in the base
     *   when any: int patched, per file of both whose blocks mostly stayed: its changed runs ({@link KnownBlocksPatch})
     * </pre>
     * A file carried unread from the last point holds the very record it had, so it is found
     * unchanged without comparing its arrays.
     */
    static byte[] segment(KnownBlocks from, KnownBlocks to) throws IOException {
        List<Map.Entry<String, KnownBlocks.File>> changed = new ArrayList<>();
        List<Map.Entry<String, int[]>> patched = new ArrayList<>();
        int stayed = 0; // files of both records: when they are all of the old one's, none was removed
        for (Map.Entry<String, KnownBlocks.File> e : to.files().entrySet()) {
            KnownBlocks.File was = from.files().get(e.getKey());
            stayed += was == null ? 0 : 1;
            if (!same(was, e.getValue())) {
                int[] runs = was == null ? null : KnownBlocksPatch.runs(was, e.getValue());
                if (runs == null) {
                    changed.add(e);
                } else {
                    patched.add(Map.entry(e.getKey(), runs));
                }
            }
        }
        List<String> removed = new ArrayList<>();
        if (stayed < from.files().size()) {
            for (String name : from.files().keySet()) {
                if (!to.files().containsKey(name)) {
                    removed.add(name);
                }
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RecordOutput d = new RecordOutput(bytes);
        d.writeUTF(from.point());
        d.writeUTF(to.point());
        d.writeInt(removed.size());
        for (String name : removed) {
            d.writeUTF(name);
        }
        d.writeInt(changed.size());
        for (Map.Entry<String, KnownBlocks.File> e : changed) {
            writeFile(d, e.getKey(), e.getValue());
        }
        if (!patched.isEmpty()) { // else the segment ends here, as it did before patches (an older agent reads it)
            d.writeInt(patched.size());
            for (Map.Entry<String, int[]> e : patched) {
                d.writeUTF(e.getKey());
                KnownBlocksPatch.write(d, to.files().get(e.getKey()), e.getValue());
            }
        }
        d.end();
        return bytes.toByteArray();
    }

    private static boolean same(KnownBlocks.File a, KnownBlocks.File b) {
        return a == b || a != null && Arrays.equals(a.lengths(), b.lengths())
                && Arrays.equals(a.fingerprints(), b.fingerprints()) && Arrays.equals(a.digests(), b.digests());
    }

    /**
     * Reads a record written for {@code source} with {@code blockSize}; {@code recordBytes}, the
     * size of the whole record, bounds what a damaged count may make it allocate.
     *
     * @throws IOException naming what is wrong: not a record, another source or block size, cut
     *                     short, or a checksum that does not match
     */
    static KnownBlocks read(InputStream in, long recordBytes, String source, int blockSize) throws IOException {
        return readAppended(in, recordBytes, source, blockSize).record();
    }

    /**
     * {@link #read}, with what the file holds besides the record: where its base ends, its
     * segments, a torn tail dropped.
     *
     * @throws IOException as {@link #read}, and for a segment that is damaged (not a torn tail) or
     *                     does not follow the point before it
     */
    static RecordSegments.Loaded<KnownBlocks> readAppended(InputStream in, long recordBytes, String source,
            int blockSize) throws IOException {
        RecordInput d = new RecordInput(in);
        try {
            byte[] magic = new byte[MAGIC.length];
            d.readFully(magic);
            if (Arrays.equals(magic, 0, MAGIC_PREFIX, MAGIC, 0, MAGIC_PREFIX)
                    && magic[MAGIC_PREFIX] != MAGIC[MAGIC_PREFIX]) {
                throw new IOException("a known-blocks record of version " + (char) magic[MAGIC_PREFIX]
                        + ", not " + (char) MAGIC[MAGIC_PREFIX] + " (dropped: its fingerprints are of another kind)");
            }
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a known-blocks record (bad magic at byte 0)");
            }
            int recordedBlockSize = d.readInt();
            String recordedSource = d.readUTF();
            String point = d.readUTF();
            if (recordedBlockSize != blockSize || !recordedSource.equals(source)) {
                throw new IOException("recorded for " + recordedSource + " with " + recordedBlockSize
                        + "-byte blocks, not " + source + " with " + blockSize);
            }
            int fileCount = d.readInt();
            if (fileCount < 0 || (long) fileCount * MIN_FILE_BYTES > recordBytes) {
                throw new IOException("file count " + fileCount + " does not fit a record of " + recordBytes + " bytes");
            }
            HashMap<String, KnownBlocks.File> files = new HashMap<>(fileCount * 4 / 3 + 1);
            for (int k = 0; k < fileCount; k++) {
                String name = d.readUTF();
                files.put(name, readFile(d, 0, k, name, recordBytes, blockSize));
            }
            int expected = d.checksum();
            int stored = d.readInt();
            if (stored != expected) {
                throw new IOException("checksum mismatch (stored " + Integer.toHexString(stored) + ", computed "
                        + Integer.toHexString(expected) + ")");
            }
            RecordSegments.Tail tail = RecordSegments.readAll(d, recordBytes);
            for (int k = 0; k < tail.bodies().size(); k++) {
                point = apply(files, point, tail.bodies().get(k), k + 1, blockSize);
            }
            return new RecordSegments.Loaded<>(KnownBlocks.owning(blockSize, point, files), tail, fileCount);
        } catch (EOFException e) {
            throw new IOException("cut short", e);
        }
    }

    /**
     * The blocks of file {@code index} ({@code name}) of the base ({@code segment} null) or of a
     * segment, after its name. The name an error gives it is made only for an error: made for each
     * of 47,000 files, it cost a fresh agent's load a string concatenation and its garbage per file.
     */
    private static KnownBlocks.File readFile(RecordInput d, int segment, int index, String name, long recordBytes,
            int blockSize) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > KnownBlocks.MAX_BLOCKS_PER_FILE || (long) n * BYTES_PER_BLOCK > recordBytes) {
            throw new IOException(fileName(segment, index, name) + " claims " + n + " blocks");
        }
        int[] lengths = new int[n];
        d.readInts(lengths);
        for (int i = 0; i < n; i++) {
            if (lengths[i] < 0 || lengths[i] > blockSize) {
                throw new IOException("block " + i + " of " + fileName(segment, index, name) + " has length " + lengths[i]);
            }
        }
        long[] fingerprints = new long[2 * n];
        d.readLongs(fingerprints);
        byte[] digests = new byte[n * 32];
        d.readFully(digests);
        return new KnownBlocks.File(lengths, fingerprints, digests);
    }

    /** "file 7 (a/b)" of the base (segment 0), "segment 2's file 7 (a/b)" of a segment: where a bad file is. */
    static String fileName(int segment, int index, String name) {
        return (segment == 0 ? "file " : segmentName(segment) + "'s file ") + index + " (" + name + ")";
    }

    /**
     * "segment 2": made only for an error. A string concatenation's first run links its call site,
     * which cost a fresh agent's first segment about 10 ms (issue 14, session 18).
     */
    static String segmentName(int segment) {
        return "segment " + segment;
    }

    /** Applies a segment's patched files ({@link KnownBlocksPatch}), each a file the record holds. */
    private static void applyPatches(HashMap<String, KnownBlocks.File> files, RecordInput d, int segment, long bodyBytes,
            int blockSize) throws IOException {
        int patched = d.readInt();
        if (patched <= 0 || patched > files.size()) {
            throw new IOException(segmentName(segment) + " patches " + patched + " of " + files.size() + " files");
        }
        for (int k = 0; k < patched; k++) {
            String name = d.readUTF();
            KnownBlocks.File at = files.get(name);
            if (at == null) {
                throw new IOException(segmentName(segment) + " patches " + name + ", which the record does not hold");
            }
            files.put(name, KnownBlocksPatch.apply(d, at, segment, k, name, bodyBytes, blockSize));
        }
    }

    /**
     * Applies the segment {@code body} (checksummed already) to {@code files}, the record of point
     * {@code at}; returns the point it brings the record to.
     */
    private static String apply(HashMap<String, KnownBlocks.File> files, String at, byte[] body, int segment,
            int blockSize) throws IOException {
        RecordInput d = new RecordInput(new ByteArrayInputStream(body));
        try {
            String from = d.readUTF();
            String to = d.readUTF();
            if (!from.equals(at)) {
                throw new IOException(segmentName(segment) + " follows point " + from + ", not " + at + " (a damaged record)");
            }
            int removed = d.readInt();
            if (removed < 0 || removed > files.size()) {
                throw new IOException(segmentName(segment) + " removes " + removed + " of " + files.size() + " files");
            }
            for (int k = 0; k < removed; k++) {
                String name = d.readUTF();
                if (files.remove(name) == null) {
                    throw new IOException(segmentName(segment) + " removes " + name + ", which the record does not hold");
                }
            }
            int changed = d.readInt();
            if (changed < 0 || (long) changed * MIN_FILE_BYTES > body.length) {
                throw new IOException(segmentName(segment) + ": file count " + changed + " does not fit its " + body.length + " bytes");
            }
            for (int k = 0; k < changed; k++) {
                String name = d.readUTF();
                files.put(name, readFile(d, segment, k, name, body.length, blockSize));
            }
            if (!d.atEnd()) {
                applyPatches(files, d, segment, body.length, blockSize);
            }
            if (!d.atEnd()) {
                throw new IOException(segmentName(segment) + " has bytes after its last file");
            }
            return to;
        } catch (EOFException e) {
            throw new IOException(segmentName(segment) + " is cut short inside its checksummed frame", e);
        }
    }
}
