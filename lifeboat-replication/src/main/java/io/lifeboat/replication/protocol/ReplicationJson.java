package io.lifeboat.replication.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.lifeboat.repository.ManifestCodec;
import io.lifeboat.repository.PointInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON of the replication wire. Manifests and points use the repository's one JSON form
 * ({@link ManifestCodec}); this class only wraps lists and reads bodies.
 */
public final class ReplicationJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private ReplicationJson() {
    }

    public static byte[] points(List<PointInfo> points) {
        ArrayNode a = MAPPER.createArrayNode();
        points.forEach(p -> a.add(ManifestCodec.infoNode(p)));
        return bytes(a);
    }

    public static List<PointInfo> points(byte[] body) {
        JsonNode n = tree(body, "point list");
        if (!n.isArray()) {
            throw new WireFormatException("point list: not a JSON array");
        }
        List<PointInfo> out = new ArrayList<>();
        n.forEach(p -> out.add(ManifestCodec.info(p)));
        return out;
    }

    public static PointInfo point(byte[] body) {
        return ManifestCodec.info(tree(body, "point"));
    }

    /** The name in a manifest chunk's answer, {@code {"chunk": "<name>"}}. */
    public static String chunkName(byte[] body) {
        JsonNode n = tree(body, "manifest chunk answer").get("chunk");
        if (n == null || !n.isTextual()) {
            throw new WireFormatException("manifest chunk answer: no \"chunk\" name");
        }
        return n.asText();
    }

    public static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    public static JsonNode tree(byte[] body, String what) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null) {
                throw new WireFormatException(what + ": empty body");
            }
            return n;
        } catch (IOException e) {
            throw new WireFormatException(what + ": not JSON (" + e.getMessage() + ")", e);
        }
    }
}
