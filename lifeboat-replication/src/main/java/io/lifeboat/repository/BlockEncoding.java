package io.lifeboat.repository;

/** How a block body travels and is stored: as is, or as one zstd frame of the uncompressed bytes. */
public enum BlockEncoding {
    RAW(0),
    ZSTD(1);

    private final int code;

    BlockEncoding(int code) {
        this.code = code;
    }

    /** The byte that names this encoding in a pack file. */
    public int code() {
        return code;
    }

    public static BlockEncoding ofCode(int code) {
        for (BlockEncoding e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown block encoding " + code);
    }
}
