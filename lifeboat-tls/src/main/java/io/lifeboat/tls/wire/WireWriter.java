package io.lifeboat.tls.wire;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Appends big-endian integers and length-prefixed vectors to a growing buffer. Lengths are written
 * after the body, so callers never compute them; a body too long for its prefix is a programming
 * error ({@link IllegalArgumentException}), since the writer only ever writes what we chose to send.
 */
public final class WireWriter {
    private byte[] buf = new byte[256];
    private int size;

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    public WireWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter u24(int v) {
        ensure(3);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    public WireWriter vector8(Consumer<WireWriter> body) {
        return prefixed(1, body);
    }

    public WireWriter vector16(Consumer<WireWriter> body) {
        return prefixed(2, body);
    }

    public WireWriter vector24(Consumer<WireWriter> body) {
        return prefixed(3, body);
    }

    private WireWriter prefixed(int width, Consumer<WireWriter> body) {
        int at = size;
        ensure(width);
        size += width;
        body.accept(this);
        int len = size - at - width;
        if (len >= 1 << (8 * width)) {
            throw new IllegalArgumentException("body of " + len + " bytes does not fit a " + width + "-byte length");
        }
        for (int i = 0; i < width; i++) {
            buf[at + i] = (byte) (len >>> (8 * (width - 1 - i)));
        }
        return this;
    }

    /** Empties the buffer for reuse. */
    public WireWriter reset() {
        size = 0;
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
