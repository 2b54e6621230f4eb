package io.lifeboat.replication.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeboat.repository.ManifestHeader;
import io.lifeboat.repository.SourceKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The body of a point commit whose manifest was sent before it, chunk by chunk ({@code POST
 * .../manifest-chunks}): the manifest's header and the names of its chunks in order, the bytes the
 * agent sent for this point before the commit (the vault adds the commit body), and how the source
 * was read. Small whatever the source: about 90 bytes per chunk of up to 113,000 blocks. On the wire,
 * plain JSON:
 * {@code {"bytesSent": n, "consistency": "...", "manifest": {"source": "...", "kind": "IMAGE",
 * "blockSize": 32768, "chunks": ["<time>-<sha256>", ...]}}}.
 */
public record ChunkedCommit(long bytesSent, String consistency, ManifestHeader header, List<String> chunks) {
    private static final Set<String> FIELDS = Set.of("bytesSent", "consistency", "manifest");
    private static final Set<String> MANIFEST_FIELDS = Set.of("source", "kind", "blockSize", "chunks");

    public ChunkedCommit {
        if (bytesSent < 0) {
            throw new IllegalArgumentException("bytesSent < 0");
        }
        if (consistency == null || consistency.isBlank() || header == null || chunks.isEmpty()) {
            throw new IllegalArgumentException("a point commit needs a consistency kind, a manifest header and chunks");
        }
        chunks = List.copyOf(chunks);
    }

    public byte[] encode() {
        ObjectNode n = ReplicationJson.MAPPER.createObjectNode();
        n.put("bytesSent", bytesSent);
        n.put("consistency", consistency);
        ObjectNode m = n.putObject("manifest");
        m.put("source", header.source());
        m.put("kind", header.kind().name());
        m.put("blockSize", header.blockSize());
        ArrayNode a = m.putArray("chunks");
        chunks.forEach(a::add);
        return ReplicationJson.bytes(n);
    }

    /** True when a commit body is this form (JSON) rather than the whole-manifest form (one zstd frame). */
    public static boolean isChunked(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }

    /** @throws WireFormatException naming the field that is missing, unknown or of the wrong type */
    public static ChunkedCommit decode(byte[] body) {
        return decode(ReplicationJson.commitTree(body, "point commit"));
    }

    /** {@link #decode(byte[])} of a body already parsed (the vault parses a commit once, then tells its form). */
    public static ChunkedCommit decode(JsonNode n) {
        if (!n.isObject()) {
            throw new WireFormatException("point commit: not a JSON object");
        }
        onlyKnown(n, FIELDS, "point commit");
        JsonNode sent = n.get("bytesSent");
        if (sent == null || !sent.isIntegralNumber() || !sent.canConvertToLong() || sent.asLong() < 0) {
            throw new WireFormatException("point commit: \"bytesSent\" must be a number >= 0");
        }
        JsonNode consistency = n.get("consistency");
        if (consistency == null || !consistency.isTextual() || consistency.asText().isBlank()) {
            throw new WireFormatException("point commit: \"consistency\" must be a non-empty string");
        }
        JsonNode m = n.get("manifest");
        if (m == null || !m.isObject()) {
            throw new WireFormatException("point commit: \"manifest\" must be an object");
        }
        onlyKnown(m, MANIFEST_FIELDS, "point commit manifest");
        JsonNode source = m.get("source");
        JsonNode kind = m.get("kind");
        JsonNode blockSize = m.get("blockSize");
        JsonNode chunks = m.get("chunks");
        if (source == null || !source.isTextual()) {
            throw new WireFormatException("point commit: \"manifest.source\" must be a string");
        }
        if (blockSize == null || !blockSize.isIntegralNumber() || !blockSize.canConvertToInt()) {
            throw new WireFormatException("point commit: \"manifest.blockSize\" must be a 32-bit integer");
        }
        if (chunks == null || !chunks.isArray() || chunks.isEmpty()) {
            throw new WireFormatException("point commit: \"manifest.chunks\" must be a non-empty array of chunk names");
        }
        List<String> names = new ArrayList<>(chunks.size());
        for (JsonNode c : chunks) {
            if (!c.isTextual()) {
                throw new WireFormatException("point commit: \"manifest.chunks\" holds a non-string");
            }
            names.add(c.asText());
        }
        return new ChunkedCommit(sent.asLong(), consistency.asText(),
                new ManifestHeader(source.asText(), kind(kind), blockSize.asInt()), names);
    }

    private static SourceKind kind(JsonNode kind) {
        try {
            return SourceKind.valueOf(kind == null ? "" : kind.asText());
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("point commit: \"manifest.kind\" must be one of "
                    + java.util.Arrays.toString(SourceKind.values()));
        }
    }

    private static void onlyKnown(JsonNode n, Set<String> fields, String what) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw new WireFormatException(what + ": unknown field \"" + f + "\"");
            }
        }
    }
}
