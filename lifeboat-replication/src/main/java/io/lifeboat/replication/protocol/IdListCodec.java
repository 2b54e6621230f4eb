package io.lifeboat.replication.protocol;

import io.lifeboat.repository.BlockId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A list of block ids on the wire: the ids' 32 raw bytes each, back to back, nothing else. */
public final class IdListCodec {
    public static final int ID_BYTES = 32;

    private IdListCodec() {
    }

    public static byte[] encode(List<BlockId> ids) {
        byte[] out = new byte[ids.size() * ID_BYTES];
        for (int i = 0; i < ids.size(); i++) {
            System.arraycopy(ids.get(i).toBytes(), 0, out, i * ID_BYTES, ID_BYTES);
        }
        return out;
    }

    /** @throws WireFormatException when the length is not a multiple of 32 or over the bound */
    public static List<BlockId> decode(byte[] body) {
        if (body.length % ID_BYTES != 0) {
            throw new WireFormatException("id list: " + body.length + " bytes is not a whole number of 32-byte ids");
        }
        int n = body.length / ID_BYTES;
        if (n > Limits.MAX_QUERY_IDS) {
            throw new WireFormatException("id list: " + n + " ids, at most " + Limits.MAX_QUERY_IDS + " per request");
        }
        List<BlockId> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(BlockId.fromBytes(Arrays.copyOfRange(body, i * ID_BYTES, (i + 1) * ID_BYTES)));
        }
        return ids;
    }
}
