package io.lifeboat.replication.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.ManifestCodec;
import io.lifeboat.repository.ManifestDelta;
import io.lifeboat.repository.ManifestHeader;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.tls.LifeboatException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The body of a point commit sent as a delta of its parent point ({@code docs/protocol.md}, "A
 * point as a delta of its parent"): plain JSON,
 * {@code {"bytesSent": n, "consistency": "...", "parent": "<point id>", "manifest": {"source", "kind",
 * "blockSize", "sha256"}, "entries": [...], "removed": [...]}} for a folder tree, or with
 * {@code "file": {"mode", "mtimeNanos", "size", "changes": [[index, "<sha256>:<length>"], ...]}}
 * instead of entries and removed for a file, image or device. The vault tells it from a {@link
 * ChunkedCommit} by its {@code "parent"} field.
 */
public record PointDelta(long bytesSent, String consistency, ManifestDelta delta) {
    private static final Set<String> FIELDS = Set.of("bytesSent", "consistency", "parent", "manifest", "entries",
            "removed", "file");
    private static final Set<String> MANIFEST_FIELDS = Set.of("source", "kind", "blockSize", "sha256");
    private static final Set<String> FILE_FIELDS = Set.of("mode", "mtimeNanos", "size", "changes");

    public PointDelta {
        if (bytesSent < 0 || consistency == null || consistency.isBlank() || delta == null) {
            throw new IllegalArgumentException("a delta commit needs bytesSent >= 0, a consistency kind and a delta");
        }
    }

    public byte[] encode() {
        ObjectNode n = ReplicationJson.MAPPER.createObjectNode();
        n.put("bytesSent", bytesSent);
        n.put("consistency", consistency);
        n.put("parent", delta.parent());
        ObjectNode m = n.putObject("manifest");
        m.put("source", delta.header().source());
        m.put("kind", delta.header().kind().name());
        m.put("blockSize", delta.header().blockSize());
        m.put("sha256", delta.sha256());
        if (delta.file() != null) {
            ObjectNode f = n.putObject("file");
            f.put("mode", delta.file().mode());
            f.put("mtimeNanos", delta.file().mtimeNanos());
            f.put("size", delta.file().size());
            ArrayNode changes = f.putArray("changes");
            for (ManifestDelta.Change c : delta.file().changes()) {
                ArrayNode pair = changes.addArray();
                pair.add(c.index());
                pair.add(ManifestCodec.blockText(c.block()));
            }
        } else {
            ArrayNode entries = n.putArray("entries");
            delta.entries().forEach(e -> ManifestCodec.putEntry(entries.addObject(), e));
            ArrayNode removed = n.putArray("removed");
            delta.removed().forEach(removed::add);
        }
        return ReplicationJson.bytes(n);
    }

    /** True when a JSON commit body names a parent: a delta, not a {@link ChunkedCommit}. */
    public static boolean isDelta(JsonNode commit) {
        return commit.isObject() && commit.has("parent");
    }

    /**
     * @throws WireFormatException naming the field that is missing, unknown or of the wrong type
     * @throws LifeboatException   (USAGE) for a delta whose content breaks its rules (paths or positions
     *                             not increasing, a position past the size, a path both changed and removed)
     */
    public static PointDelta decode(JsonNode n) {
        if (!n.isObject()) {
            throw new WireFormatException("delta commit: not a JSON object");
        }
        onlyKnown(n, FIELDS, "delta commit");
        long sent = number(n, "bytesSent", "delta commit");
        String consistency = text(n, "consistency", "delta commit");
        String parent = text(n, "parent", "delta commit");
        JsonNode m = n.get("manifest");
        if (m == null || !m.isObject()) {
            throw new WireFormatException("delta commit: \"manifest\" must be an object");
        }
        onlyKnown(m, MANIFEST_FIELDS, "delta commit manifest");
        SourceKind kind;
        try {
            kind = SourceKind.valueOf(text(m, "kind", "delta commit manifest"));
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("delta commit: \"manifest.kind\" must be one of "
                    + java.util.Arrays.toString(SourceKind.values()));
        }
        long blockSize = number(m, "blockSize", "delta commit manifest");
        if (blockSize > Integer.MAX_VALUE) {
            throw new WireFormatException("delta commit: \"manifest.blockSize\" must be a 32-bit integer");
        }
        ManifestHeader header = new ManifestHeader(text(m, "source", "delta commit manifest"), kind, (int) blockSize);
        String sha256 = text(m, "sha256", "delta commit manifest");
        List<Entry> entries = new ArrayList<>();
        JsonNode es = n.get("entries");
        if (es != null) {
            array(es, "entries");
            for (JsonNode e : es) {
                entries.add(ManifestCodec.entry(e, "delta entry " + entries.size()));
            }
        }
        List<String> removed = new ArrayList<>();
        JsonNode rs = n.get("removed");
        if (rs != null) {
            array(rs, "removed");
            for (JsonNode r : rs) {
                if (!r.isTextual()) {
                    throw new WireFormatException("delta commit: \"removed\" holds a non-string");
                }
                removed.add(r.asText());
            }
        }
        JsonNode f = n.get("file");
        ManifestDelta.FileChange file = f == null ? null : file(f);
        return new PointDelta(sent, consistency, new ManifestDelta(parent, header, sha256, entries, removed, file));
    }

    private static ManifestDelta.FileChange file(JsonNode f) {
        if (!f.isObject()) {
            throw new WireFormatException("delta commit: \"file\" must be an object");
        }
        onlyKnown(f, FILE_FIELDS, "delta commit file");
        long mode = number(f, "mode", "delta commit file");
        JsonNode mtime = f.get("mtimeNanos");
        if (mtime == null || !mtime.isIntegralNumber() || !mtime.canConvertToLong()) {
            throw new WireFormatException("delta commit: \"file.mtimeNanos\" must be a 64-bit integer");
        }
        long size = number(f, "size", "delta commit file");
        JsonNode cs = f.get("changes");
        if (cs == null) {
            throw new WireFormatException("delta commit: \"file.changes\" is missing");
        }
        array(cs, "file.changes");
        List<ManifestDelta.Change> changes = new ArrayList<>(cs.size());
        for (JsonNode c : cs) {
            if (!c.isArray() || c.size() != 2 || !c.get(0).isIntegralNumber() || !c.get(0).canConvertToLong()
                    || c.get(0).asLong() < 0) {
                throw new WireFormatException("delta commit: change " + changes.size()
                        + " is not [position >= 0, \"<sha256>:<length>\"]");
            }
            BlockRef b = ManifestCodec.blockRef(c.get(1), "delta change " + changes.size());
            changes.add(new ManifestDelta.Change(c.get(0).asLong(), b));
        }
        if (mode > 07777) {
            throw new WireFormatException("delta commit: \"file.mode\" " + mode + " is not 12 permission bits");
        }
        return new ManifestDelta.FileChange((int) mode, mtime.asLong(), size, changes);
    }

    private static long number(JsonNode n, String field, String what) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw new WireFormatException(what + ": \"" + field + "\" must be a number >= 0");
        }
        return v.asLong();
    }

    private static String text(JsonNode n, String field, String what) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new WireFormatException(what + ": \"" + field + "\" must be a non-empty string");
        }
        return v.asText();
    }

    private static void array(JsonNode n, String field) {
        if (!n.isArray()) {
            throw new WireFormatException("delta commit: \"" + field + "\" must be an array");
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
