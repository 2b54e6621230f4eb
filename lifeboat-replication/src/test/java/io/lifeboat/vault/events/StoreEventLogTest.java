package io.lifeboat.vault.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.MemoryBackend;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The event log of a vault on a store: every node's events in one place, read by time, bounded. */
class StoreEventLogTest {
    private final MemoryBackend store = new MemoryBackend();
    private final Instant t0 = Instant.parse("2026-12-06T05:00:00Z");

    @Test
    void eventsFromTwoNodesAreReadBackInTimeOrderFromAnInstant() {
        StoreEventLog node1 = new StoreEventLog(store);
        StoreEventLog node2 = new StoreEventLog(store);
        node1.append(VaultEvent.of(t0, EventType.fromId("enrolled").orElseThrow(), "web01", "enrolled web01"));
        node2.append(VaultEvent.of(t0.plusSeconds(2), EventType.fromId("revoked").orElseThrow(), "web01", "revoked web01", "by", "node2"));
        node1.append(VaultEvent.of(t0.plusSeconds(1), EventType.fromId("renewed").orElseThrow(), "web01", "renewed web01"));
        assertThat(node2.since(t0)).extracting(VaultEvent::message)
                .containsExactly("enrolled web01", "renewed web01", "revoked web01");
        assertThat(node1.since(t0.plusSeconds(1))).extracting(VaultEvent::message).containsExactly("renewed web01", "revoked web01");
        assertThat(node1.since(t0.plusSeconds(2)).get(0).detail()).containsEntry("by", "node2");
    }

    @Test
    void theOldestAreTrimmedBeyondTheBound() throws Exception {
        StoreEventLog log = new StoreEventLog(store, 150);
        for (int i = 0; i < 2 * StoreEventLog.TRIM_EVERY; i++) {
            log.append(VaultEvent.of(t0.plus(Duration.ofMillis(i)), EventType.fromId("enrolled").orElseThrow(), "m", "event " + i));
        }
        assertThat(store.list(FileType.STATE)).hasSize(150);
        assertThat(log.since(t0).get(0).message()).isEqualTo("event 50");
    }
}
