package io.lifeboat.vault.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Node announcements in a store: refreshed in place, stale ones ignored, withdrawn ones gone, damaged ones skipped. */
class StoreNodesTest {
    private final MemoryBackend store = new MemoryBackend();
    private final StoreNodes nodes = new StoreNodes(store, Membership.STALE_AFTER);
    private final Instant t0 = Instant.parse("2026-12-06T05:00:00Z");

    private NodeAnnouncement node(String id, Instant seen) {
        return new NodeAnnouncement(id, "10.0.0." + id.length() + ":7443", List.of("vault.example"), t0, seen);
    }

    @Test
    void aHeartbeatReplacesTheAnnouncementAndStaleOnesAreIgnored() throws Exception {
        nodes.announce(node("aaaaaaaaaaaa", t0));
        nodes.announce(node("bbbbbbbbbbbb", t0));
        assertThat(nodes.live(t0.plusSeconds(30))).extracting(NodeAnnouncement::id).containsExactly("aaaaaaaaaaaa", "bbbbbbbbbbbb");

        nodes.announce(node("aaaaaaaaaaaa", t0.plusSeconds(40))); // a heartbeat of a; b died
        assertThat(store.list(FileType.NODES)).hasSize(2);
        Instant later = t0.plus(Membership.STALE_AFTER).plusSeconds(1);
        List<NodeAnnouncement> live = nodes.live(later);
        assertThat(live).extracting(NodeAnnouncement::id).containsExactly("aaaaaaaaaaaa");
        assertThat(live.get(0).seenAt()).isEqualTo(t0.plusSeconds(40));
        assertThat(live.get(0).startedAt()).isEqualTo(t0);
    }

    @Test
    void aWithdrawnNodeIsGoneAndADamagedAnnouncementIsSkipped() throws Exception {
        nodes.announce(node("aaaaaaaaaaaa", t0));
        nodes.announce(node("bbbbbbbbbbbb", t0));
        nodes.withdraw("bbbbbbbbbbbb");
        store.create(new Handle(FileType.NODES, "cccccccccccc.json"), "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(nodes.live(t0.plus(Duration.ofSeconds(1)))).extracting(NodeAnnouncement::id).containsExactly("aaaaaaaaaaaa");
    }

    @Test
    void aVaultOnItsFolderIsAListOfItself() throws Exception {
        io.lifeboat.vault.MutableClock clock = new io.lifeboat.vault.MutableClock();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("v");
        io.lifeboat.vault.Vault vault = io.lifeboat.vault.Vault.init(new io.lifeboat.vault.VaultLayout(dir.resolve("V")),
                List.of("vault.example"), new io.lifeboat.vault.HostPort("127.0.0.1", 0), clock);
        try (Membership m = Membership.of(vault)) {
            assertThat(m.nodes()).isEmpty(); // not started: no address yet
            m.start(new io.lifeboat.vault.HostPort("127.0.0.1", 7443));
            assertThat(m.nodes()).singleElement().satisfies(n -> {
                assertThat(n.address()).isEqualTo("127.0.0.1:7443");
                assertThat(n.hosts()).containsExactly("vault.example");
                assertThat(n.id()).matches("[0-9a-f]{12}").isEqualTo(m.id());
            });
            assertThat(Membership.of(vault).id()).isEqualTo(m.id()); // kept in V/node-id
        }
    }
}
