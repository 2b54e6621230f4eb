package io.lifeboat.tls.wire;

import java.util.Arrays;

/**
 * A bounds-checked cursor over a byte array. Every read checks the remaining length first and throws
 * {@link WireFormatException} naming the field and the absolute offset; it never throws
 * {@code ArrayIndexOutOfBoundsException}. {@link #sub} carves a length-prefixed body into a reader
 * of its own, so a wrong inner length cannot read past its parent.
 */
public final class WireReader {
    private final byte[] data;
    private final int limit;
    private final long base;
    private int pos;

    /** @param base the absolute offset of {@code data[from]} in the peer's byte stream (for messages) */
    public WireReader(byte[] data, int from, int to, long base) {
        if (from < 0 || to > data.length || from > to) {
            throw new IllegalArgumentException("bad range " + from + ".." + to + " of " + data.length);
        }
        this.data = data;
        this.pos = from;
        this.limit = to;
        this.base = base - from;
    }

    public WireReader(byte[] data) {
        this(data, 0, data.length, 0);
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    /** The absolute offset of the next byte. */
    public long offset() {
        return base + pos;
    }

    private void need(int n, String what) {
        if (n < 0 || limit - pos < n) {
            throw new WireFormatException(offset(), what + ": need " + n + " byte(s), " + remaining() + " left");
        }
    }

    public int u8(String what) {
        need(1, what);
        return data[pos++] & 0xFF;
    }

    public int u16(String what) {
        need(2, what);
        int v = (data[pos] & 0xFF) << 8 | data[pos + 1] & 0xFF;
        pos += 2;
        return v;
    }

    public int u24(String what) {
        need(3, what);
        int v = (data[pos] & 0xFF) << 16 | (data[pos + 1] & 0xFF) << 8 | data[pos + 2] & 0xFF;
        pos += 3;
        return v;
    }

    public byte[] bytes(int n, String what) {
        need(n, what);
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    /** A reader over the next {@code n} bytes; this reader moves past them. */
    public WireReader sub(int n, String what) {
        need(n, what);
        WireReader r = new WireReader(data, pos, pos + n, base + pos);
        pos += n;
        return r;
    }

    /** Reads a u8-length-prefixed vector. */
    public byte[] vector8(String what) {
        return bytes(u8(what + " length"), what);
    }

    /** Reads a u16-length-prefixed vector. */
    public byte[] vector16(String what) {
        return bytes(u16(what + " length"), what);
    }

    /** Fails unless every byte was consumed: trailing bytes inside a length-delimited body are an error. */
    public void expectEnd(String what) {
        if (hasRemaining()) {
            throw new WireFormatException(offset(), what + ": " + remaining() + " unexpected trailing byte(s)");
        }
    }
}
