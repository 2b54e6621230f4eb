package io.lifeboat.repository;

import static io.lifeboat.repository.ManifestCodec.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeboat.tls.LifeboatException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of a {@link StoragePolicy} (the vault's {@code V/policy.json}, and the
 * {@code policy} of {@code vault machines --json}); durations as {@link Durations} writes them:
 * <pre>
 * {"version":1,"lockPeriod":"24h","freeSpaceReserve":1073741824,
 *  "retention":{"keepLast":0,"keepHourly":0,"keepDaily":0,"keepWeekly":0,"keepWithin":"24h",
 *               "keepWithinHourly":"3d","keepWithinDaily":"15d","keepWithinWeekly":"0"},
 *  "machines":{"web-1":{...same fields as retention...}}}
 * </pre>
 * Parsing throws a USAGE {@link LifeboatException} naming the field; a missing field takes its default.
 */
public final class StoragePolicyCodec {
    static final int VERSION = 1;

    private StoragePolicyCodec() {
    }

    public static ObjectNode node(StoragePolicy p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("version", VERSION);
        n.put("lockPeriod", Durations.format(p.lockPeriod()));
        n.put("freeSpaceReserve", p.freeSpaceReserve());
        n.set("retention", node(p.retention()));
        ObjectNode machines = n.putObject("machines");
        p.machines().forEach((m, r) -> machines.set(m, node(r)));
        return n;
    }

    public static ObjectNode node(RetentionPolicy r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("keepLast", r.keepLast());
        n.put("keepHourly", r.keepHourly());
        n.put("keepDaily", r.keepDaily());
        n.put("keepWeekly", r.keepWeekly());
        n.put("keepWithin", Durations.format(r.keepWithin()));
        n.put("keepWithinHourly", Durations.format(r.keepWithinHourly()));
        n.put("keepWithinDaily", Durations.format(r.keepWithinDaily()));
        n.put("keepWithinWeekly", Durations.format(r.keepWithinWeekly()));
        return n;
    }

    public static byte[] toJson(StoragePolicy p) {
        return ManifestCodec.bytes(node(p));
    }

    /** @param where names the file in errors */
    public static StoragePolicy fromJson(byte[] json, String where) {
        JsonNode n = ManifestCodec.tree(json, where);
        try {
            int version = n.has("version") ? ManifestCodec.intField(n, "version") : VERSION;
            if (version != VERSION) {
                throw ManifestCodec.bad("version " + version + " (this Lifeboat reads version " + VERSION + ")");
            }
            StoragePolicy d = StoragePolicy.DEFAULT;
            RetentionPolicy retention = n.has("retention") ? retention(n.get("retention"), "retention") : d.retention();
            Map<String, RetentionPolicy> machines = new TreeMap<>();
            JsonNode m = n.get("machines");
            if (m != null && !m.isNull()) {
                if (!m.isObject()) {
                    throw ManifestCodec.bad("\"machines\" must be an object");
                }
                for (Map.Entry<String, JsonNode> e : m.properties()) {
                    machines.put(e.getKey(), retention(e.getValue(), "machines." + e.getKey()));
                }
            }
            Duration lock = n.has("lockPeriod") ? duration(n, "lockPeriod") : d.lockPeriod();
            long reserve = n.has("freeSpaceReserve") ? ManifestCodec.longField(n, "freeSpaceReserve") : d.freeSpaceReserve();
            return new StoragePolicy(retention, machines, lock, reserve);
        } catch (LifeboatException e) {
            throw ManifestCodec.bad(where + ": " + e.getMessage());
        }
    }

    private static RetentionPolicy retention(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw ManifestCodec.bad("\"" + where + "\" must be an object");
        }
        return new RetentionPolicy(count(n, "keepLast"), count(n, "keepHourly"), count(n, "keepDaily"),
                count(n, "keepWeekly"), duration(n, "keepWithin"), duration(n, "keepWithinHourly"),
                duration(n, "keepWithinDaily"), duration(n, "keepWithinWeekly"));
    }

    private static int count(JsonNode n, String field) {
        return n.has(field) ? ManifestCodec.intField(n, field) : 0;
    }

    private static Duration duration(JsonNode n, String field) {
        return n.has(field) ? Durations.parse(ManifestCodec.text(n, field), "\"" + field + "\"") : Duration.ZERO;
    }
}
