package io.lifeboat.readiness.hive;

/**
 * Marvin32, the keyed hash Windows uses to check transaction log entries (Hash-1 and Hash-2 of an
 * "HvLE" entry), with the registry's fixed seed. The 64-bit result is (p1 &lt;&lt; 32) | p0.
 */
final class Marvin32 {
    static final long REGISTRY_SEED = 0x82EF4D887A4E55C5L; // 14219357686671994754 read as little-endian bytes

    private Marvin32() {
    }

    static long hash(byte[] data, int offset, int length, long seed) {
        int p0 = (int) seed;
        int p1 = (int) (seed >>> 32);
        int i = offset;
        int end = offset + length;
        while (end - i >= 4) {
            p0 += (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | (data[i + 3] & 0xff) << 24;
            int[] s = block(p0, p1);
            p0 = s[0];
            p1 = s[1];
            i += 4;
        }
        int tail;
        switch (end - i) {
            case 0 -> tail = 0x80;
            case 1 -> tail = 0x8000 | data[i] & 0xff;
            case 2 -> tail = 0x800000 | data[i] & 0xff | (data[i + 1] & 0xff) << 8;
            default -> tail = 0x80000000 | data[i] & 0xff | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16;
        }
        p0 += tail;
        int[] s = block(p0, p1);
        s = block(s[0], s[1]);
        return (Integer.toUnsignedLong(s[1]) << 32) | Integer.toUnsignedLong(s[0]);
    }

    private static int[] block(int p0, int p1) {
        p1 ^= p0;
        p0 = Integer.rotateLeft(p0, 20);
        p0 += p1;
        p1 = Integer.rotateLeft(p1, 9);
        p1 ^= p0;
        p0 = Integer.rotateLeft(p0, 27);
        p0 += p1;
        p1 = Integer.rotateLeft(p1, 19);
        return new int[] {p0, p1};
    }
}
