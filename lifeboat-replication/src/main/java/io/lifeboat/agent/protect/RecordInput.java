package io.lifeboat.agent.protect;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Reads what {@link RecordOutput} wrote (the bytes of {@code DataInputStream} over a {@code
 * CheckedInputStream}), through a 128 KiB buffer checksummed a buffer's worth at a time instead
 * of a byte at a time, and an ASCII string taken in one copy instead of a char at a time. A read
 * past the end throws {@link EOFException}, as {@code DataInputStream} does. Not thread-safe.
 */
final class RecordInput {
    /** Holds the longest string (2 + 65,535 bytes) whole. */
    private static final int BUFFER = 1 << 17;
    private final InputStream in;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER).flip();
    /** Where in {@link #buf} the bytes not yet checksummed start. */
    private int unchecked;
    /** Bytes taken from {@link #in} so far: with what the buffer still holds, where the reader is. */
    private long taken;

    RecordInput(InputStream in) {
        this.in = in;
    }

    int readUnsignedByte() throws IOException {
        return need(1).get() & 0xff;
    }

    /** Any byte but 0 is true, as {@code DataInputStream.readBoolean} has it. */
    boolean readBoolean() throws IOException {
        return need(1).get() != 0;
    }

    int readInt() throws IOException {
        return need(4).getInt();
    }

    long readLong() throws IOException {
        return need(8).getLong();
    }

    void readFully(byte[] into) throws IOException {
        int done = 0;
        while (done < into.length) {
            ByteBuffer b = need(1);
            int n = Math.min(b.remaining(), into.length - done);
            b.get(into, done, n);
            done += n;
        }
    }

    /** {@link #readInt} for each of {@code into}, a buffer's worth at a time through a big-endian view (as {@link RecordOutput#writeInts}). */
    void readInts(int[] into) throws IOException {
        int done = 0;
        while (done < into.length) {
            int n = Math.min(into.length - done, need(4).remaining() / 4);
            buf.asIntBuffer().get(into, done, n);
            buf.position(buf.position() + 4 * n);
            done += n;
        }
    }

    /** {@link #readLong} for each of {@code into}, a buffer's worth at a time (as {@link #readInts}). */
    void readLongs(long[] into) throws IOException {
        int done = 0;
        while (done < into.length) {
            int n = Math.min(into.length - done, need(8).remaining() / 8);
            buf.asLongBuffer().get(into, done, n);
            buf.position(buf.position() + 8 * n);
            done += n;
        }
    }

    /** {@code DataInputStream.readUTF}: the ASCII string of nearly every path in one copy, the rest decoded by it. */
    String readUTF() throws IOException {
        int length = need(2).getShort() & 0xffff;
        ByteBuffer b = need(length);
        int at = b.position();
        byte[] a = b.array();
        boolean ascii = true;
        for (int i = at; i < at + length; i++) {
            if (a[i] < 0) {
                ascii = false;
                break;
            }
        }
        b.position(at + length);
        if (ascii) {
            return new String(a, at, length, StandardCharsets.ISO_8859_1);
        }
        byte[] framed = new byte[2 + length];
        framed[0] = (byte) (length >> 8);
        framed[1] = (byte) length;
        System.arraycopy(a, at, framed, 2, length);
        return new DataInputStream(new ByteArrayInputStream(framed)).readUTF(); // its errors name the bad byte
    }

    /** The CRC-32C of every byte read so far: what the record's trailing checksum must equal. */
    int checksum() {
        crc.update(buf.array(), unchecked, buf.position() - unchecked);
        unchecked = buf.position();
        return (int) crc.getValue();
    }

    /** True when the stream holds nothing more; else the next byte is buffered, not lost. */
    boolean atEnd() throws IOException {
        if (buf.hasRemaining()) {
            return false;
        }
        try {
            need(1);
            return false;
        } catch (EOFException e) {
            return true;
        }
    }

    /** How many bytes of the stream have been read: the offset of the next one (a record's segments are framed by it). */
    long position() {
        return taken - buf.remaining();
    }

    /** The buffer, holding at least {@code n} unread bytes (n at most {@link #BUFFER}). */
    private ByteBuffer need(int n) throws IOException {
        if (buf.remaining() >= n) {
            return buf;
        }
        crc.update(buf.array(), unchecked, buf.position() - unchecked);
        buf.compact(); // the unread bytes to the front; the buffer now takes more
        try {
            while (buf.position() < n) {
                int read = in.read(buf.array(), buf.position(), buf.remaining());
                if (read < 0) {
                    throw new EOFException();
                }
                buf.position(buf.position() + read);
                taken += read;
            }
        } finally {
            buf.flip();
            unchecked = 0;
        }
        return buf;
    }
}
