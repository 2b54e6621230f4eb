package io.lifeboat.repository;

import static io.lifeboat.repository.ManifestCodec.MAPPER;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeboat.tls.LifeboatException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON files of a repository besides packs: {@code config}, {@code points/<machine>/<id>} and
 * {@code locks/<id>}, and the JSON forms of {@code index/<pack>} and {@code machines/<machine>/<id>}
 * that vaults wrote before the binary ones ({@link PackIndexCodec}, {@link OwnershipCodec}), read only
 * (described in {@code docs/repository-format.md}). Parsing throws a USAGE {@code LifeboatException}
 * on a malformed file; the repository decides what a bad file means.
 */
final class RepositoryFiles {
    /** Format 2: manifests stored as chunks ({@code manifests/}); format 1 kept them whole in the point file. */
    static final int VERSION = 2;

    private RepositoryFiles() {
    }

    // config

    static byte[] config(String id, Instant created) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("version", VERSION);
        n.put("id", id);
        n.put("created", created.toString());
        n.put("packFormat", new String(Pack.MAGIC, java.nio.charset.StandardCharsets.US_ASCII));
        return ManifestCodec.bytes(n);
    }

    static int configVersion(byte[] json) {
        return ManifestCodec.intField(ManifestCodec.tree(json, "config"), "version");
    }

    // index

    /**
     * The index of a pack: the binary form ({@link PackIndexCodec}) or, for a vault written before it,
     * the JSON form, as id → location in the file's order.
     */
    static Map<BlockId, Pack.Location> index(byte[] bytes, String expectedPack) {
        return PackIndexCodec.read(bytes, expectedPack).toMap();
    }

    /**
     * Parses the JSON form of an index file ({@code {"version":1,"pack":..,"blocks":[{"id","offset",
     * "stored","raw","encoding"},..]}}), the only form before the binary one; no longer written.
     */
    static PackIndex jsonIndex(byte[] json, String expectedPack) {
        JsonNode n = ManifestCodec.tree(json, "index " + expectedPack);
        String pack = ManifestCodec.text(n, "pack");
        if (!pack.equals(expectedPack)) {
            throw ManifestCodec.bad("index " + expectedPack + " describes another pack: " + pack);
        }
        JsonNode blocks = n.get("blocks");
        if (blocks == null || !blocks.isArray()) {
            throw ManifestCodec.bad("index " + expectedPack + ": \"blocks\" must be an array");
        }
        PackIndex out = new PackIndex(pack, blocks.size());
        int i = 0;
        for (JsonNode b : blocks) {
            try {
                out.set(i, new BlockId(ManifestCodec.text(b, "id")), new Pack.Location(pack,
                        ManifestCodec.longField(b, "offset"), ManifestCodec.intField(b, "stored"),
                        ManifestCodec.intField(b, "raw"), ManifestCodec.enumField(b, "encoding", BlockEncoding.class)));
            } catch (LifeboatException | IllegalArgumentException e) {
                throw ManifestCodec.bad("index " + expectedPack + ": block " + i + ": " + e.getMessage());
            }
            i++;
        }
        return out;
    }

    /** A value for a refusal: a hostile file's number may be thousands of digits. */
    private static String abbreviated(String s) {
        return s.length() > 24 ? s.substring(0, 24) + "..." : s;
    }

    // machines/<machine>/<id>: ownership

    /**
     * Reads the JSON form of an ownership record ({@code {"version":..,"machine":..,"blocks":{"<id>":
     * millis,..}}}), the only form before the binary one ({@link OwnershipCodec}); no longer written.
     * Its keys are block ids: Jackson's defaults keep every field name in
     * a table and intern it into the JVM's string table, for names that are never seen twice. That
     * was half the CPU of reading these records (0.14-0.17 s against 0.05-0.08 s per 32,768 ids,
     * cold), paid by every process that opens the repository (a failover reads every machine's).
     */
    private static final ObjectMapper ID_KEYED = new ObjectMapper(JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES).disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build());

    static Map<BlockId, Long> ownership(byte[] json, String machine) {
        JsonNode n = ManifestCodec.tree(ID_KEYED, json, "ownership record of " + machine);
        if (!machine.equals(ManifestCodec.text(n, "machine"))) {
            throw ManifestCodec.bad("ownership record under machines/" + machine + " names another machine");
        }
        Map<BlockId, Long> out = new LinkedHashMap<>();
        JsonNode blocks = n.get("blocks");
        if (blocks == null || !blocks.isObject()) {
            throw ManifestCodec.bad("ownership record of " + machine + ": \"blocks\" must be an object");
        }
        Long at = null; // a record's blocks mostly share one time: box it once, not once per block
        for (Map.Entry<String, JsonNode> e : blocks.properties()) {
            JsonNode time = e.getValue();
            if (!time.isIntegralNumber() || !time.canConvertToLong() || time.asLong() < 0) {
                // asLong() would read a string as 0 and an overflowing number as anything: a wrong upload
                // time decides when retention may release a block no point names yet
                throw ManifestCodec.bad("ownership record of " + machine + ": block " + e.getKey()
                        + ": its upload time is not a number of milliseconds from 0 to 2^63-1 (a "
                        + time.getNodeType() + (time.isNumber() ? " " + abbreviated(time.asText()) : "") + ")");
            }
            long t = time.asLong();
            if (at == null || at != t) {
                at = t;
            }
            out.put(new BlockId(e.getKey()), at);
        }
        return out;
    }

    // points/<machine>/<id>

    /**
     * A point file: the point's info, its manifest's header and counts, the chunks that hold its entries,
     * and the files of its {@link BlockFilter}'s parts beside them, in order (empty: none, as in points
     * written before filters). One part is written as {@code "blockFilter"} (what the first builds with
     * filters read), several as {@code "blockFilterParts"}, which those builds ignore: they read such a
     * point's manifest in full, as a point without a filter.
     */
    record PointFile(PointInfo info, ManifestHeader header, ManifestSummary summary, List<String> chunks,
            List<String> blockFilters) {
        PointFile {
            chunks = List.copyOf(chunks);
            blockFilters = List.copyOf(blockFilters);
        }

        PointFile(PointInfo info, ManifestHeader header, ManifestSummary summary, List<String> chunks) {
            this(info, header, summary, chunks, List.of());
        }
    }

    static byte[] point(PointFile p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("version", VERSION);
        n.set("info", ManifestCodec.infoNode(p.info()));
        ObjectNode m = n.putObject("manifest");
        m.put("source", p.header().source());
        m.put("kind", p.header().kind().name());
        m.put("blockSize", p.header().blockSize());
        m.put("entries", p.summary().entries());
        m.put("blocks", p.summary().blocks());
        m.put("zeroBlocks", p.summary().zeroBlocks());
        m.put("sourceBytes", p.summary().sourceBytes());
        ArrayNode chunks = m.putArray("chunks");
        p.chunks().forEach(chunks::add);
        if (p.blockFilters().size() == 1) {
            m.put("blockFilter", p.blockFilters().get(0)); // older builds ignore it (and their sweeps delete the file)
        } else if (!p.blockFilters().isEmpty()) {
            p.blockFilters().forEach(m.putArray("blockFilterParts")::add);
        }
        return ManifestCodec.bytes(n);
    }

    static PointFile point(byte[] json, String name) {
        JsonNode n = ManifestCodec.tree(json, "point " + name);
        JsonNode info = n.get("info");
        JsonNode m = n.get("manifest");
        if (info == null || m == null || !m.isObject()) {
            throw ManifestCodec.bad("point " + name + ": needs \"info\" and \"manifest\"");
        }
        int version = ManifestCodec.intField(n, "version");
        if (version != VERSION) {
            throw ManifestCodec.bad("point " + name + " has format version " + version + ", not " + VERSION);
        }
        ManifestHeader header = new ManifestHeader(ManifestCodec.text(m, "source"),
                ManifestCodec.enumField(m, "kind", SourceKind.class), ManifestCodec.intField(m, "blockSize"));
        JsonNode chunks = m.get("chunks");
        if (chunks == null || !chunks.isArray() || chunks.isEmpty()) {
            throw ManifestCodec.bad("point " + name + ": \"chunks\" must be a non-empty array");
        }
        List<String> names = new ArrayList<>(chunks.size());
        for (JsonNode c : chunks) {
            if (!c.isTextual() || !ManifestStore.isChunkName(c.asText())) {
                throw ManifestCodec.bad("point " + name + ": \"" + c.asText() + "\" is not a manifest chunk name");
            }
            names.add(c.asText());
        }
        ManifestSummary summary = new ManifestSummary(ManifestCodec.longField(m, "entries"),
                ManifestCodec.longField(m, "blocks"), ManifestCodec.longField(m, "zeroBlocks"),
                ManifestCodec.longField(m, "sourceBytes"), names.size());
        return new PointFile(ManifestCodec.info(info), header, summary, names, filterParts(m, name));
    }

    /** The names of a point's filter parts: {@code "blockFilter"} (one) or {@code "blockFilterParts"} (several). */
    private static List<String> filterParts(JsonNode m, String name) {
        JsonNode one = m.get("blockFilter");
        JsonNode several = m.get("blockFilterParts");
        if (one != null && several != null) {
            throw ManifestCodec.bad("point " + name + ": names both \"blockFilter\" and \"blockFilterParts\"");
        }
        if (several != null && (!several.isArray() || several.size() < 2)) {
            throw ManifestCodec.bad("point " + name + ": \"blockFilterParts\" must be an array of two names or more");
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : one != null ? List.of(one) : several != null ? several : List.<JsonNode>of()) {
            if (!part.isTextual() || !ManifestStore.isChunkName(part.asText())) {
                throw ManifestCodec.bad("point " + name + ": block filter \"" + part.asText() + "\" is not a manifest chunk name");
            }
            parts.add(part.asText());
        }
        return parts;
    }

    // locks/<id>

    record Lock(String host, long pid, String token, Instant created) {
    }

    static byte[] lock(Lock l) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("host", l.host());
        n.put("pid", l.pid());
        n.put("token", l.token());
        n.put("created", l.created().toString());
        return ManifestCodec.bytes(n);
    }

    static Lock lock(byte[] json) {
        JsonNode n = ManifestCodec.tree(json, "lock");
        return new Lock(ManifestCodec.text(n, "host"), ManifestCodec.longField(n, "pid"),
                ManifestCodec.text(n, "token"), Instant.parse(ManifestCodec.text(n, "created")));
    }

    static List<String> names(List<String> all, String machine) {
        List<String> out = new ArrayList<>();
        for (String s : all) {
            if (s.startsWith(machine + "/")) {
                out.add(s);
            }
        }
        return out;
    }
}
