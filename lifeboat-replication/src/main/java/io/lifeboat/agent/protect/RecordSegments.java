package io.lifeboat.agent.protect;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The segments a pass appends to the agent's records instead of writing them whole (issue 14,
 * session 13): a record file is a base ({@link KnownBlocksCodec}, {@link LastPointCodec}: the
 * whole record of one point, with its own CRC-32C) followed by zero or more segments, each what
 * one pass changed, from the point the record was at to the pass's point. A segment is framed:
 * <pre>
 *   int n                 the body's length
 *   n bytes               the body (the codec's: from point, to point, what changed)
 *   int CRC-32C           of the four length bytes and the body
 * </pre>
 * One append writes one frame, after cutting the file back to its last whole frame, and syncs it,
 * so a crash can leave only a prefix of the last frame, or its length in place with zeros where
 * its bytes were not yet written. Hence a frame that runs past the end of the file, one that
 * fails its checksum while ending exactly at the end, or zeros from a frame's start to the end is
 * a torn tail: dropped, and the record is the point before it. A frame that fails its checksum
 * with other bytes after it is damage in the middle: the whole record is refused, as a damaged
 * base is.
 */
final class RecordSegments {
    /** Bytes a frame adds to its body: the length before it, the checksum after. */
    static final int FRAME_BYTES = 8;

    private RecordSegments() {
    }

    /** {@code body} in its frame, as it is appended to the record. */
    static byte[] frame(byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(body.length + FRAME_BYTES);
        b.putInt(body.length).put(body);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 4 + body.length);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /**
     * The segments after a base, read from {@code in} (just past the base's checksum) to the end of
     * a file of {@code fileBytes} bytes.
     *
     * @throws IOException a segment that fails its checksum with bytes after it: the record is damaged
     */
    static Tail readAll(RecordInput in, long fileBytes) throws IOException {
        long base = in.position();
        long valid = base;
        List<byte[]> bodies = new ArrayList<>();
        while (!in.atEnd()) {
            long at = in.position();
            if (fileBytes - at < FRAME_BYTES) {
                return new Tail(bodies, base, valid, "a frame cut short at byte " + at);
            }
            int n = in.readInt();
            if (n < 0 || n > fileBytes - at - FRAME_BYTES) {
                return new Tail(bodies, base, valid, "a frame of " + n + " bytes at byte " + at + " past the end");
            }
            byte[] body = new byte[n];
            int stored;
            try {
                in.readFully(body);
                stored = in.readInt();
            } catch (EOFException e) { // the file is shorter than its size said: it is being cut
                return new Tail(bodies, base, valid, "a frame cut short at byte " + at);
            }
            CRC32C crc = new CRC32C();
            crc.update(ByteBuffer.allocate(4).putInt(n).array());
            crc.update(body);
            if ((int) crc.getValue() != stored) {
                if (in.position() == fileBytes && in.atEnd()) {
                    return new Tail(bodies, base, valid, "a frame at byte " + at + " whose checksum does not match");
                }
                if (n == 0 && stored == 0 && zerosToTheEnd(in)) {
                    return new Tail(bodies, base, valid, "zeros from byte " + at + " to the end");
                }
                throw new IOException("segment " + (bodies.size() + 1) + " at byte " + at
                        + " fails its checksum and is not the last (a damaged record)");
            }
            bodies.add(body);
            valid = in.position();
        }
        return new Tail(bodies, base, valid, null);
    }

    /**
     * What follows a record's base.
     *
     * @param bodies     the segments' bodies, in order
     * @param baseBytes  where the base ends (its size)
     * @param validBytes where the last whole segment ends: a torn tail starts there
     * @param torn       why a torn tail was dropped; null when there was none
     */
    record Tail(List<byte[]> bodies, long baseBytes, long validBytes, String torn) {
    }

    /** Whether every byte left in {@code in} is zero. */
    private static boolean zerosToTheEnd(RecordInput in) throws IOException {
        while (!in.atEnd()) {
            if (in.readUnsignedByte() != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A record read with its segments applied.
     *
     * @param record the record as of its last whole segment
     * @param extent where its base and segments lie in the file
     * @param torn   why a torn tail was dropped; null when there was none
     */
    record Loaded<T>(T record, Extent extent, String torn) {
        Loaded(T record, Tail tail, int baseEntries) {
            this(record, new Extent(tail.baseBytes(), tail.validBytes(), tail.bodies().size(), baseEntries), tail.torn());
        }

    }

    /**
     * Where a record lies in its file.
     *
     * @param baseBytes   where the base ends
     * @param validBytes  where the last whole segment ends: the next segment is appended there
     * @param segments    how many segments follow the base
     * @param baseEntries how many files or entries the base holds
     */
    record Extent(long baseBytes, long validBytes, int segments, int baseEntries) {
    }

    /**
     * Appends {@code frame} to {@code file} at {@code validBytes} (cutting off a torn tail found
     * when the record was read) and syncs it before returning, so the segment is durable before
     * the pass reports its point and before the next record's segment is appended.
     *
     * @throws IOException the file is shorter than when it was read (replaced meanwhile), or cannot be written
     */
    static void append(Path file, long validBytes, byte[] frame) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size < validBytes) {
                throw new IOException(file + " holds " + size + " bytes, fewer than the " + validBytes + " read from it");
            }
            if (size > validBytes) {
                ch.truncate(validBytes);
            }
            ByteBuffer b = ByteBuffer.wrap(frame);
            long at = validBytes;
            while (b.hasRemaining()) {
                at += ch.write(b, at);
            }
            ch.force(false);
        }
    }
}
