package io.lifeboat.replication.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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

    /**
     * Most JSON tokens the vault parses in one commit body a machine sent ({@link ChunkedCommit}, a
     * {@link PointDelta}). A parsed tree costs 20-50 bytes of heap per token whatever the bytes are:
     * an array of empty objects builds 27 times its size, so the body limit alone would let one 64 MiB
     * body take 1.7 GB of the vault's heap. 2^24 tokens keep one body's tree under about 800 MB, and
     * no commit an agent makes under the default 64 MiB body limit comes near it (its JSON has at
     * least 4 bytes per token); a larger delta is answered {@code 413}, and the agent then sends the
     * whole manifest in chunks. Under this bound, the vault takes what a body's tree may cost ({@link
     * JsonCost}) from its memory budget before it parses it, so many such bodies at once wait.
     */
    public static final long MAX_COMMIT_TOKENS = 1L << 24;
    private static final ObjectMapper COMMITS = boundedMapper(MAX_COMMIT_TOKENS);

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

    /** {@link #tree} of a commit body a machine sent, refused past {@link #MAX_COMMIT_TOKENS}. */
    public static JsonNode commitTree(byte[] body, String what) {
        return boundedTree(COMMITS, body, what);
    }

    /**
     * What {@link #commitTree} of this body would cost the heap, without building it.
     *
     * @throws BodyTooLargeException past {@link #MAX_COMMIT_TOKENS}
     * @throws WireFormatException   for a body that is not JSON
     */
    public static JsonCost commitCost(byte[] body, String what) {
        try {
            return new JsonCost(JsonCost.tokens(COMMITS, new java.io.ByteArrayInputStream(body), what), body.length);
        } catch (IOException e) {
            throw new IllegalStateException("reading an array cannot fail", e);
        }
    }

    /** A mapper whose parsers stop at {@code maxTokens} JSON tokens. */
    static ObjectMapper boundedMapper(long maxTokens) {
        return new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxTokenCount(maxTokens).build()).build());
    }

    /**
     * @throws BodyTooLargeException past one of {@code mapper}'s bounds (tokens, nesting, a string's length)
     * @throws WireFormatException   for a body that is not JSON
     */
    static JsonNode boundedTree(ObjectMapper mapper, byte[] body, String what) {
        try {
            JsonNode n = mapper.readTree(body);
            if (n == null) {
                throw new WireFormatException(what + ": empty body");
            }
            return n;
        } catch (StreamConstraintsException e) {
            throw tooLarge(what, e);
        } catch (IOException e) {
            throw new WireFormatException(what + ": not JSON (" + e.getMessage() + ")", e);
        }
    }

    static BodyTooLargeException tooLarge(String what, StreamConstraintsException e) {
        return new BodyTooLargeException(what + ": more JSON than one body may hold ("
                + e.getOriginalMessage() + ")", e);
    }

    /**
     * A body's JSON under Jackson's own bounds (nesting, a string's length; no bound on tokens): for what
     * is small by its kind or comes from the vault. A machine's commit bodies go through {@link #commitTree}.
     */
    public static JsonNode tree(byte[] body, String what) {
        return boundedTree(MAPPER, body, what);
    }
}
