package io.lifeboat.vault.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The one JSON shape of the node list, in {@code GET /v1/nodes} and the enrolment answer:
 * {@code [{"id":"...","address":"HOST:PORT","hosts":["..."],"seenAt":"..."}]}. Agents read it: a
 * contract, see docs/protocol.md; add fields only.
 */
public final class NodesJson {
    private NodesJson() {
    }

    public static JsonArray of(List<NodeAnnouncement> nodes) {
        JsonArray out = new JsonArray();
        for (NodeAnnouncement n : nodes) {
            out.add(new JsonObject().put("id", n.id()).put("address", n.address())
                    .put("hosts", new JsonArray(n.hosts())).put("seenAt", n.seenAt().toString()));
        }
        return out;
    }
}
