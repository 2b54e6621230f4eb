package io.lifeboat.vault.cluster;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.vault.store.JsonFiles;
import io.lifeboat.vault.store.StoreRecords;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node announcements in a store: {@code nodes/<id>.json}, each written only by its own node
 * (created, then replaced conditionally at every heartbeat, deleted on a clean stop). An announcement
 * whose heartbeat is older than {@code staleAfter} is a node that died without withdrawing: ignored.
 */
public final class StoreNodes {
    private static final Logger LOG = LoggerFactory.getLogger("lifeboat.vault");

    private final Backend store;
    private final Duration staleAfter;

    public StoreNodes(Backend store, Duration staleAfter) {
        this.store = store;
        this.staleAfter = staleAfter;
    }

    static Handle handle(String id) {
        return new Handle(FileType.NODES, id + ".json");
    }

    /** Writes (or refreshes) {@code node}'s announcement. */
    public void announce(NodeAnnouncement node) throws IOException {
        StoreRecords.put(store, handle(node.id()), JsonFiles.MAPPER.writeValueAsBytes(node)); // only this node writes it
    }

    /** Removes {@code id}'s announcement (a clean stop). */
    public void withdraw(String id) throws IOException {
        store.delete(handle(id));
    }

    /** The nodes whose heartbeat is at most {@code staleAfter} old at {@code now}, sorted by id; unreadable ones skipped. */
    public List<NodeAnnouncement> live(Instant now) throws IOException {
        List<NodeAnnouncement> out = new ArrayList<>();
        for (String name : store.list(FileType.NODES)) {
            if (!name.endsWith(".json")) {
                continue;
            }
            try {
                NodeAnnouncement n = JsonFiles.MAPPER.readValue(store.read(new Handle(FileType.NODES, name)), NodeAnnouncement.class);
                if (n.seenAt() != null && !n.seenAt().plus(staleAfter).isBefore(now)) {
                    out.add(n);
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // withdrawn between list and read
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                LOG.warn("ignoring the damaged node announcement {}/nodes/{}: {}", store.location(), name, e.getOriginalMessage());
            }
        }
        out.sort(Comparator.comparing(NodeAnnouncement::id));
        return out;
    }
}
