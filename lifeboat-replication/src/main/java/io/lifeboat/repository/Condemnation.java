package io.lifeboat.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A prune's decision on a store shared by several nodes, {@code prune/<UTC time>-<8 hex>}: the packs it
 * dropped (no block in them is owned or named) and the packs it wrote to replace repacked ones. Every
 * node that reads it stops using the dropped packs at once (their blocks count as missing, so they are
 * uploaded again rather than deduplicated against a pack about to go); the files themselves are deleted
 * by a later prune, no sooner than the safety margin after {@link Record#created}, once no point
 * committed meanwhile names a block only they hold. See {@code docs/repository-format.md}.
 */
final class Condemnation {
    private Condemnation() {
    }

    /** One prune's decision. */
    record Record(String name, Instant created, List<String> packs, List<String> replacements) {
    }

    /** Writes a decision under a fresh name; returns the record as written. */
    static Record write(Backend backend, Instant now, Collection<String> packs, Collection<String> replacements)
            throws IOException {
        ObjectNode n = ManifestCodec.MAPPER.createObjectNode();
        n.put("version", 1);
        n.put("created", now.toString());
        ArrayNode p = n.putArray("packs");
        packs.stream().sorted().forEach(p::add);
        ArrayNode r = n.putArray("replacements");
        replacements.stream().sorted().forEach(r::add);
        byte[] json = ManifestCodec.bytes(n);
        while (true) {
            String name = Repository.uniqueName(now);
            if (backend.create(new Handle(FileType.PRUNE, name), json)) {
                return new Record(name, now, List.copyOf(packs), List.copyOf(replacements));
            }
        }
    }

    /** Reads one decision; a malformed one is an {@link io.lifeboat.tls.LifeboatException} naming it. */
    static Record read(Backend backend, String name) throws IOException {
        JsonNode n = ManifestCodec.tree(backend.read(new Handle(FileType.PRUNE, name)), "prune/" + name);
        return new Record(name, Instant.parse(ManifestCodec.text(n, "created")), names(n, "packs"), names(n, "replacements"));
    }

    private static List<String> names(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : n.withArray(field)) {
            String s = e.asText();
            if (!Handle.isSegment(s)) {
                throw ManifestCodec.bad("a prune record names a bad pack \"" + s + "\"");
            }
            out.add(s);
        }
        return out;
    }
}
