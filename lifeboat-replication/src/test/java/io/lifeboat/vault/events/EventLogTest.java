package io.lifeboat.vault.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    @TempDir
    Path dir;

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void eventsComeBackInOrderWithTheirDetailsAndSinceFilters() {
        EventLog log = new EventLog(dir, 1 << 20, 2);
        log.append(VaultEvent.of(T0, EventType.ENROLLED, "web-1", "enrolled", "peer", "127.0.0.1:5"));
        log.append(VaultEvent.of(T0.plusSeconds(60), EventType.LEGACY_CLIENT_REFUSED, null, "refused",
                "offered", "TLSv1.1", "cause", "CLIENT_LEGACY_TLS_ONLY"));
        assertThat(log.since(T0)).hasSize(2);
        List<VaultEvent> later = log.since(T0.plusSeconds(1));
        assertThat(later).hasSize(1);
        assertThat(later.get(0).type()).isEqualTo(EventType.LEGACY_CLIENT_REFUSED);
        assertThat(later.get(0).machine()).isNull();
        assertThat(later.get(0).detail()).containsEntry("offered", "TLSv1.1");
    }

    @Test
    void theLogIsBoundedByRotationAndKeepsTheNewest() {
        EventLog log = new EventLog(dir, 2048, 2);
        for (int i = 0; i < 200; i++) {
            log.append(VaultEvent.of(T0.plusSeconds(i), EventType.POINT, "web-1", "point " + i, "n", Integer.toString(i)));
        }
        List<VaultEvent> kept = log.since(Instant.EPOCH);
        assertThat(kept.size()).isBetween(20, 199);
        assertThat(kept.get(kept.size() - 1).detail()).containsEntry("n", "199");
        for (int i = 1; i < kept.size(); i++) {
            assertThat(kept.get(i).time()).isAfter(kept.get(i - 1).time());
        }
        assertThat(dir.resolve("events.3.jsonl")).doesNotExist();
        assertThat(dir.resolve("events.2.jsonl")).exists();
    }

    @Test
    void aTornLastLineIsSkipped() throws Exception {
        EventLog log = new EventLog(dir, 1 << 20, 2);
        log.append(VaultEvent.of(T0, EventType.REVOKED, "web-1", "revoked"));
        Files.write(dir.resolve("events.jsonl"), "{\"time\":\"2026-12".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        assertThat(log.since(Instant.EPOCH)).extracting(VaultEvent::type).containsExactly(EventType.REVOKED);
    }
}
