package io.lifeboat.readiness.hive;

/**
 * Bounds-checked little-endian reads over a file image. Every read outside the image, and every
 * length that would reach past it, is a {@link HiveFormatException} naming the offset: no parser in
 * this package indexes an array directly, so hostile offsets cannot throw anything else.
 */
final class HiveBytes {
    final String source;
    final byte[] data;

    HiveBytes(String source, byte[] data) {
        this.source = source;
        this.data = data;
    }

    int length() {
        return data.length;
    }

    HiveFormatException error(long offset, String problem) {
        return new HiveFormatException(source, offset, problem);
    }

    void check(long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw error(offset, what + " (" + length + " bytes) reaches past the end of the file ("
                    + data.length + " bytes): truncated or corrupt");
        }
    }

    int u8(long offset) {
        check(offset, 1, "byte");
        return data[(int) offset] & 0xff;
    }

    int u16(long offset) {
        check(offset, 2, "16-bit field");
        int o = (int) offset;
        return (data[o] & 0xff) | (data[o + 1] & 0xff) << 8;
    }

    int i32(long offset) {
        check(offset, 4, "32-bit field");
        int o = (int) offset;
        return (data[o] & 0xff) | (data[o + 1] & 0xff) << 8 | (data[o + 2] & 0xff) << 16 | (data[o + 3] & 0xff) << 24;
    }

    long u32(long offset) {
        return Integer.toUnsignedLong(i32(offset));
    }

    long i64(long offset) {
        return u32(offset) | u32(offset + 4) << 32;
    }

    byte[] slice(long offset, long length, String what) {
        check(offset, length, what);
        byte[] out = new byte[(int) length];
        System.arraycopy(data, (int) offset, out, 0, (int) length);
        return out;
    }

    boolean ascii(long offset, String sig) {
        if (offset < 0 || offset + sig.length() > data.length) {
            return false;
        }
        for (int i = 0; i < sig.length(); i++) {
            if (data[(int) offset + i] != sig.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    String sig(long offset, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n && offset + i < data.length && offset + i >= 0; i++) {
            int c = data[(int) offset + i] & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return sb.toString();
    }
}
