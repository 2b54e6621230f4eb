package io.lifeboat.tls.wire;

import java.util.ArrayList;
import java.util.List;

/** One hello extension: its type and its opaque body. */
public record Extension(int type, byte[] data) {

    public void write(WireWriter w) {
        w.u16(type).vector16(b -> b.bytes(data));
    }

    /** Parses a u16-length-prefixed extension block (absent block = empty list). */
    public static List<Extension> parseBlock(WireReader r) {
        List<Extension> out = new ArrayList<>();
        if (!r.hasRemaining()) {
            return out;
        }
        WireReader block = r.sub(r.u16("extensions length"), "extensions");
        while (block.hasRemaining()) {
            int type = block.u16("extension type");
            out.add(new Extension(type, block.vector16("extension " + type)));
        }
        return out;
    }

    public static Extension find(List<Extension> list, int type) {
        for (Extension e : list) {
            if (e.type == type) {
                return e;
            }
        }
        return null;
    }
}
