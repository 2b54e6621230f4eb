package io.lifeboat.replication.protocol;

/** How a block body travels; the wire id is the byte in a block batch. */
public enum WireEncoding {
    /** The block's bytes as they are. */
    RAW(0),
    /** One zstd frame that decompresses to exactly the block's bytes. */
    ZSTD(1);

    private final int wireId;

    WireEncoding(int wireId) {
        this.wireId = wireId;
    }

    public int wireId() {
        return wireId;
    }

    /** @throws WireFormatException for an id that names no encoding */
    public static WireEncoding ofWireId(int id, String where) {
        for (WireEncoding e : values()) {
            if (e.wireId == id) {
                return e;
            }
        }
        throw new WireFormatException(where + ": unknown block encoding " + id + " (0 raw, 1 zstd)");
    }
}
