package io.lifeboat.vault.cluster;

import java.time.Instant;
import java.util.List;

/**
 * One running vault node as it announces itself in the store ({@code nodes/<id>.json}).
 *
 * @param id        the node's id ({@code V/node-id})
 * @param address   HOST:PORT agents dial
 * @param hosts     the names in its server certificate
 * @param startedAt when it started serving
 * @param seenAt    its last heartbeat
 */
public record NodeAnnouncement(String id, String address, List<String> hosts, Instant startedAt, Instant seenAt) {
    public NodeAnnouncement {
        hosts = List.copyOf(hosts);
    }

    NodeAnnouncement seen(Instant at) {
        return new NodeAnnouncement(id, address, hosts, startedAt, at);
    }
}
