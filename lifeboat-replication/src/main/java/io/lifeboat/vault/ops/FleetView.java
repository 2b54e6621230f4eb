package io.lifeboat.vault.ops;

import io.lifeboat.repository.PointInfo;
import io.lifeboat.vault.events.VaultEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the dashboard reads about the fleet; each call answers from current state and may block on files. */
public interface FleetView {
    FleetStatus status();

    /** Per machine, the TLS of its last link (since the vault started). */
    Map<String, Link> links();

    /** Per machine and source, what an agent protecting with {@code --rpo} last reported. */
    Map<String, Map<String, AgentRpo>> agentRpo();

    List<VaultEvent> events(Instant since);

    List<PointInfo> points(String machine);

    StorageUse storage();
}
