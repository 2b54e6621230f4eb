package io.lifeboat.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a {@link Manifest} and a {@link PointInfo}, as stored in {@code points/} and as
 * sent over the vault API (see {@code docs/repository-format.md}). A block is written
 * {@code "<sha256 hex>:<length>"}, an all-zero block {@code "0:<length>"}. Parsing checks shape
 * and types and throws a {@link LifeboatException} of kind USAGE naming the field; the meaning
 * (paths, sizes) is checked by {@link ManifestRules}.
 */
public final class ManifestCodec {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ManifestCodec() {
    }

    public static byte[] toJson(Manifest m) {
        return bytes(manifestNode(m));
    }

    public static Manifest fromJson(byte[] json) {
        return manifest(tree(json, "manifest"));
    }

    public static ObjectNode manifestNode(Manifest m) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("formatVersion", m.formatVersion());
        n.put("source", m.source());
        n.put("kind", m.kind().name());
        n.put("blockSize", m.blockSize());
        ArrayNode entries = n.putArray("entries");
        for (Entry e : m.entries()) {
            putEntry(entries.addObject(), e);
        }
        return n;
    }

    /** Writes one entry's fields (path, type, mode, mtimeNanos, size, link, blocks) into {@code en}. */
    public static void putEntry(ObjectNode en, Entry e) {
        en.put("path", e.path());
        en.put("type", e.type().name());
        en.put("mode", e.mode());
        en.put("mtimeNanos", e.mtimeNanos());
        en.put("size", e.size());
        if (e.linkTarget() != null) {
            en.put("link", e.linkTarget());
        }
        ArrayNode blocks = en.putArray("blocks");
        for (BlockRef b : e.blocks()) {
            blocks.add(blockText(b));
        }
    }

    /** A block reference as the JSON forms write it: {@code "<sha256>:<length>"}, {@code "0:<length>"} for zeros. */
    public static String blockText(BlockRef b) {
        return (b.isZero() ? "0" : b.id().hex()) + ":" + b.length();
    }

    public static Manifest manifest(JsonNode n) {
        int version = intField(n, "formatVersion");
        if (version != Manifest.FORMAT_VERSION) {
            throw bad("manifest format version " + version + " is not supported (this vault reads "
                    + Manifest.FORMAT_VERSION + ")");
        }
        String source = text(n, "source");
        SourceKind kind = enumField(n, "kind", SourceKind.class);
        int blockSize = intField(n, "blockSize");
        JsonNode entries = n.get("entries");
        if (entries == null || !entries.isArray()) {
            throw bad("manifest: \"entries\" must be an array");
        }
        List<Entry> out = new ArrayList<>(entries.size());
        for (JsonNode en : entries) {
            out.add(entry(en, "manifest entry " + out.size()));
        }
        return new Manifest(version, source, kind, blockSize, out);
    }

    /** One entry of the JSON forms; a malformed one is a USAGE error naming {@code where}. */
    public static Entry entry(JsonNode en, String where) {
        String path = text(en, "path");
        EntryType type = enumField(en, "type", EntryType.class);
        JsonNode link = en.get("link");
        JsonNode blocks = en.get("blocks");
        List<BlockRef> refs = new ArrayList<>();
        if (blocks != null && !blocks.isNull()) {
            if (!blocks.isArray()) {
                throw bad(where + ": \"blocks\" must be an array");
            }
            for (JsonNode b : blocks) {
                refs.add(blockRef(b, where));
            }
        }
        return new Entry(path, type, intField(en, "mode"), mtimeNanos(en), longField(en, "size"),
                link == null || link.isNull() ? null : link.asText(), refs);
    }

    /** {@code "mtimeNanos"}; a manifest written before it has {@code "mtime"} in milliseconds. */
    private static long mtimeNanos(JsonNode en) {
        if (en.has("mtimeNanos") || !en.has("mtime")) {
            return longField(en, "mtimeNanos");
        }
        try {
            return Math.multiplyExact(longField(en, "mtime"), 1_000_000L);
        } catch (ArithmeticException e) {
            throw bad("\"mtime\" " + en.get("mtime") + " ms is outside the range of nanosecond times");
        }
    }

    public static BlockRef blockRef(JsonNode b, String where) {
        String s = b.isTextual() ? b.asText() : "";
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw bad(where + ": block \"" + s + "\" is not \"<sha256>:<length>\"");
        }
        try {
            int length = Integer.parseInt(s.substring(colon + 1));
            String id = s.substring(0, colon);
            return id.equals("0") ? BlockRef.zero(length) : new BlockRef(new BlockId(id), length);
        } catch (IllegalArgumentException e) {
            throw bad(where + ": block \"" + s + "\": " + e.getMessage());
        }
    }

    public static ObjectNode infoNode(PointInfo p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", p.id());
        n.put("machine", p.machine());
        n.put("created", p.created().toString());
        n.put("source", p.source());
        n.put("kind", p.kind().name());
        n.put("sourceBytes", p.sourceBytes());
        n.put("bytesSent", p.bytesSent());
        n.put("tlsVersion", p.tlsVersion());
        n.put("cipherSuite", p.cipherSuite());
        n.put("consistency", p.consistency());
        return n;
    }

    public static PointInfo info(JsonNode n) {
        try {
            return new PointInfo(text(n, "id"), text(n, "machine"), Instant.parse(text(n, "created")),
                    text(n, "source"), enumField(n, "kind", SourceKind.class), longField(n, "sourceBytes"),
                    longField(n, "bytesSent"), optText(n, "tlsVersion"), optText(n, "cipherSuite"),
                    optText(n, "consistency"));
        } catch (java.time.format.DateTimeParseException e) {
            throw bad("point: \"created\" is not an ISO-8601 instant");
        }
    }

    static JsonNode tree(byte[] json, String what) {
        return tree(MAPPER, json, what);
    }

    /** {@link #tree(byte[], String)} read by {@code mapper} (a file whose keys are data, say). */
    static JsonNode tree(ObjectMapper mapper, byte[] json, String what) {
        try {
            JsonNode n = mapper.readTree(json);
            if (n == null || !n.isObject()) {
                throw bad(what + ": not a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw bad(what + ": malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw bad(what + ": unreadable: " + e.getMessage());
        }
    }

    static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw bad("\"" + field + "\" must be a string");
        }
        return v.asText();
    }

    static String optText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static long longField(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw bad("\"" + field + "\" must be an integer");
        }
        return v.asLong();
    }

    static int intField(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw bad("\"" + field + "\" must be a 32-bit integer");
        }
        return v.asInt();
    }

    static <E extends Enum<E>> E enumField(JsonNode n, String field, Class<E> type) {
        String s = text(n, field);
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw bad("\"" + field + "\": unknown value " + s);
        }
    }

    static LifeboatException bad(String message) {
        return new LifeboatException(LifeboatException.Kind.USAGE, message);
    }
}
