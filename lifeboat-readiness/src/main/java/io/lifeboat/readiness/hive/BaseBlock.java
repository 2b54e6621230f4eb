package io.lifeboat.readiness.hive;

/**
 * The 4096-byte header of a hive file ("regf"), or the first 512 bytes of it kept at the start of a
 * transaction log. Offsets in the hive are relative to the end of the base block (file offset 4096).
 *
 * @param fileType 0 primary, 1 old-format log, 6 new-format log
 */
record BaseBlock(long primarySequence, long secondarySequence, long timestamp, int majorVersion,
        int minorVersion, int fileType, int rootCell, long hiveBinsSize, boolean checksumOk) {

    static final int SIZE = 4096;
    static final int CHECKSUM_OFFSET = 508;

    static BaseBlock parse(HiveBytes b, long at) {
        if (!b.ascii(at, "regf")) {
            throw b.error(at, "no \"regf\" signature (found \"" + b.sig(at, 4) + "\"): not a registry hive");
        }
        b.check(at, 512, "base block");
        return new BaseBlock(b.u32(at + 4), b.u32(at + 8), b.i64(at + 12), b.i32(at + 20), b.i32(at + 24),
                b.i32(at + 28), b.i32(at + 36), b.u32(at + 40), checksum(b.data, (int) at) == b.i32(at + CHECKSUM_OFFSET));
    }

    /** XOR of the first 127 little-endian DWORDs, with Windows' special cases for 0 and -1. */
    static int checksum(byte[] data, int at) {
        int x = 0;
        for (int i = 0; i < CHECKSUM_OFFSET; i += 4) {
            int o = at + i;
            x ^= (data[o] & 0xff) | (data[o + 1] & 0xff) << 8 | (data[o + 2] & 0xff) << 16 | (data[o + 3] & 0xff) << 24;
        }
        if (x == -1) {
            return -2;
        }
        return x == 0 ? 1 : x;
    }

    /** Dirty: the last write did not finish (sequence numbers differ) or the header is damaged. */
    boolean dirty() {
        return primarySequence != secondarySequence || !checksumOk;
    }
}
