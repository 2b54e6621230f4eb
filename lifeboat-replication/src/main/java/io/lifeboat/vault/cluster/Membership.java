package io.lifeboat.vault.cluster;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.vault.HostPort;
import io.lifeboat.vault.Vault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node among the vault's nodes: what {@code GET /v1/nodes} and the enrolment answer list. A vault
 * on a store announces itself there ({@link StoreNodes}) once it listens, refreshes the announcement
 * every {@link #HEARTBEAT} and withdraws it on {@link #close}; it lists the nodes heard from within
 * {@link #STALE_AFTER} (three heartbeats). A vault on its own folder is a list of one: itself.
 */
public final class Membership implements AutoCloseable {
    public static final Duration HEARTBEAT = Duration.ofSeconds(20);
    public static final Duration STALE_AFTER = HEARTBEAT.multipliedBy(3);
    private static final Logger LOG = LoggerFactory.getLogger("lifeboat.vault");

    private final String id;
    private final List<String> hosts;
    private final Optional<StoreNodes> store;
    private final Clock clock;
    private volatile NodeAnnouncement self;
    private ScheduledExecutorService heartbeat;

    private Membership(String id, List<String> hosts, Optional<StoreNodes> store, Clock clock) {
        this.id = id;
        this.hosts = hosts;
        this.store = store;
        this.clock = clock;
    }

    /** The membership of {@code vault}'s node (id from {@code V/node-id}, made at the first start). */
    public static Membership of(Vault vault) {
        try {
            String id = NodeId.of(vault.layout());
            Optional<Backend> backend = vault.store();
            return new Membership(id, vault.config().hosts(), backend.map(b -> new StoreNodes(b, STALE_AFTER)), vault.clock());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read this node's id in " + vault.layout().dir(), e);
        }
    }

    public String id() {
        return id;
    }

    /** Announces the node at {@code address} (where agents reach it) and starts the heartbeat. */
    public synchronized void start(HostPort address) {
        Instant now = clock.instant();
        self = new NodeAnnouncement(id, address.toString(), hosts, now, now);
        if (store.isEmpty()) {
            return;
        }
        beat(); // the first announcement before the first request can ask for the list
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lifeboat-node-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = HEARTBEAT.toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            store.get().announce(self.seen(clock.instant()));
        } catch (IOException | RuntimeException e) { // the store is away: the next beat tries again
            LOG.warn("cannot announce this node ({}) in the store: {}", id, e.getMessage());
        }
    }

    /** The live nodes, this one included (it may not have been written yet, or the store may be away). */
    public List<NodeAnnouncement> nodes() {
        NodeAnnouncement me = self == null ? null : self.seen(clock.instant());
        if (store.isEmpty()) {
            return me == null ? List.of() : List.of(me);
        }
        List<NodeAnnouncement> live;
        try {
            live = new java.util.ArrayList<>(store.get().live(clock.instant()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the vault's nodes", e);
        }
        if (me != null && live.stream().noneMatch(n -> n.id().equals(id))) {
            live.add(me);
            live.sort(java.util.Comparator.comparing(NodeAnnouncement::id));
        }
        return live;
    }

    /** Stops the heartbeat and withdraws the announcement (a node that dies instead goes stale). */
    @Override
    public synchronized void close() {
        if (heartbeat == null) {
            return;
        }
        heartbeat.shutdownNow();
        heartbeat = null;
        try {
            store.get().withdraw(id);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot withdraw this node ({}) from the store: {}", id, e.getMessage());
        }
    }
}
