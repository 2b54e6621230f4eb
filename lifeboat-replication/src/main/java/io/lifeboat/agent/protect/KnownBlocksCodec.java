package io.lifeboat.agent.protect;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The file form of {@link KnownBlocks}, streamed so that a large device's record never sits in a
 * byte array twice. Big-endian:
 * <pre>
 *   "LBKNOWN2"                      magic and format version
 *   int blockSize, UTF source, UTF point, int fileCount
 *   per file: UTF name, int n, n x int length, n x (long high, long low) fingerprint, n x 32-byte SHA-256
 *   int CRC-32C of every byte before it
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
            KnownBlocks.File f = e.getValue();
            d.writeUTF(e.getKey());
            d.writeInt(f.blocks());
            d.writeInts(f.lengths());
            d.writeLongs(f.fingerprints());
            d.write(f.digests());
        }
        d.finish();
    }

    /**
     * Reads a record written for {@code source} with {@code blockSize}; {@code recordBytes}, the
     * size of the whole record, bounds what a damaged count may make it allocate.
     *
     * @throws IOException naming what is wrong: not a record, another source or block size, cut
     *                     short, or a checksum that does not match
     */
    static KnownBlocks read(InputStream in, long recordBytes, String source, int blockSize) throws IOException {
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
                int n = d.readInt();
                if (n < 0 || n > KnownBlocks.MAX_BLOCKS_PER_FILE || (long) n * BYTES_PER_BLOCK > recordBytes) {
                    throw new IOException("file " + k + " (" + name + ") claims " + n + " blocks");
                }
                int[] lengths = new int[n];
                for (int i = 0; i < n; i++) {
                    lengths[i] = d.readInt();
                    if (lengths[i] < 0 || lengths[i] > blockSize) {
                        throw new IOException("block " + i + " of " + name + " has length " + lengths[i]);
                    }
                }
                long[] fingerprints = new long[2 * n];
                d.readLongs(fingerprints);
                byte[] digests = new byte[n * 32];
                d.readFully(digests);
                files.put(name, new KnownBlocks.File(lengths, fingerprints, digests));
            }
            int expected = d.checksum();
            int stored = d.readInt();
            if (stored != expected) {
                throw new IOException("checksum mismatch (stored " + Integer.toHexString(stored) + ", computed "
                        + Integer.toHexString(expected) + ")");
            }
            if (!d.atEnd()) {
                throw new IOException("bytes after the checksum");
            }
            return KnownBlocks.owning(blockSize, point, files);
        } catch (EOFException e) {
            throw new IOException("cut short", e);
        }
    }
}
