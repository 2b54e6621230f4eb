package io.lifeboat.agent.protect;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Writes the agent's records ({@link KnownBlocksCodec}, {@link LastPointCodec}) in the bytes a
 * {@code DataOutputStream} over a {@code CheckedOutputStream} gave them (big-endian, strings in
 * modified UTF-8 behind a two-byte length), followed by the CRC-32C of those bytes, but gathered
 * in a 64 KiB buffer and checksummed a buffer at a time. The stream classes checksummed and
 * passed on every {@code int} a byte at a time and encoded every path a char at a time: writing
 * the two records of a 47,000-file tree cost a fresh agent about 0.4 CPU s (issue 14, session 11).
 * Not thread-safe; {@link #finish} once at the end.
 */
final class RecordOutput {
    private static final int BUFFER = 1 << 16;
    private final OutputStream out;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);

    RecordOutput(OutputStream out) {
        this.out = out;
    }

    void writeByte(int b) throws IOException {
        room(1).put((byte) b);
    }

    void writeBoolean(boolean b) throws IOException {
        writeByte(b ? 1 : 0);
    }

    void writeInt(int v) throws IOException {
        room(4).putInt(v);
    }

    void writeLong(long v) throws IOException {
        room(8).putLong(v);
    }

    /**
     * The values as {@link #writeInt} each, copied a buffer's worth at a time through a big-endian
     * view (one copy that swaps the bytes): a 1 GiB image's record holds 32,768 lengths and 65,536
     * fingerprint halves, which a value at a time kept a fresh JVM in its interpreter (the record's
     * write 11-15 CPU ms then, 5-6 now; docs/performance.md, session 15).
     */
    void writeInts(int[] values) throws IOException {
        int done = 0;
        while (done < values.length) {
            int n = Math.min(values.length - done, room(4).remaining() / 4);
            buf.asIntBuffer().put(values, done, n);
            buf.position(buf.position() + 4 * n);
            done += n;
        }
    }

    /** The values as {@link #writeLong} each, a buffer's worth at a time (see {@link #writeInts}). */
    void writeLongs(long[] values) throws IOException {
        int done = 0;
        while (done < values.length) {
            int n = Math.min(values.length - done, room(8).remaining() / 8);
            buf.asLongBuffer().put(values, done, n);
            buf.position(buf.position() + 8 * n);
            done += n;
        }
    }

    void write(byte[] bytes) throws IOException {
        if (bytes.length <= buf.remaining()) {
            buf.put(bytes);
            return;
        }
        flush();
        if (bytes.length < BUFFER) {
            buf.put(bytes);
        } else { // a large file's digests: straight through, not copied
            crc.update(bytes, 0, bytes.length);
            out.write(bytes);
        }
    }

    /**
     * {@code DataOutputStream.writeUTF}'s bytes: a path of ASCII characters (nearly every one) is
     * its own encoding, taken in one call; anything else is encoded a char at a time as that does.
     */
    void writeUTF(String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length == s.length() && asciiWithoutNul(utf8, s)) { // modified UTF-8 is UTF-8 is the bytes
            lengthOf(utf8.length, s);
            write(utf8);
            return;
        }
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            length += c >= 1 && c <= 0x7f ? 1 : c <= 0x7ff ? 2 : 3;
        }
        lengthOf(length, s);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 1 && c <= 0x7f) {
                writeByte(c);
            } else if (c <= 0x7ff) { // NUL too, as two bytes: modified UTF-8 never holds a zero byte
                writeByte(0xc0 | (c >> 6));
                writeByte(0x80 | (c & 0x3f));
            } else {
                writeByte(0xe0 | (c >> 12));
                writeByte(0x80 | ((c >> 6) & 0x3f));
                writeByte(0x80 | (c & 0x3f));
            }
        }
    }

    /**
     * Writes what is buffered, then the CRC-32C of every byte written (not itself checksummed), and
     * flushes the stream.
     */
    void finish() throws IOException {
        flush();
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.flush();
    }

    /**
     * Writes what is buffered and flushes the stream, without a checksum: for a record's segment,
     * whose frame ({@link RecordSegments}) carries its own.
     */
    void end() throws IOException {
        flush();
        out.flush();
    }

    private void lengthOf(int length, String s) throws IOException {
        if (length > 0xffff) {
            throw new UTFDataFormatException("a string of " + length + " bytes in modified UTF-8 (at most 65535): "
                    + s.substring(0, Math.min(40, s.length())) + "...");
        }
        room(2).putShort((short) length);
    }

    /**
     * Whether {@code s}, whose UTF-8 form {@code b} has one byte per char, is all of 1..127: a NUL
     * takes two bytes in modified UTF-8, and a lone surrogate came out of the encoder as '?' (one
     * byte) where modified UTF-8 writes it in three.
     */
    private static boolean asciiWithoutNul(byte[] b, String s) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0 || (b[i] == '?' && s.charAt(i) != '?')) {
                return false;
            }
        }
        return true;
    }

    private ByteBuffer room(int n) throws IOException {
        if (buf.remaining() < n) {
            flush();
        }
        return buf;
    }

    private void flush() throws IOException {
        if (buf.position() > 0) {
            crc.update(buf.array(), 0, buf.position());
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }
    }
}
