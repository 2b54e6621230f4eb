package io.lifeboat.vault.events;

import io.lifeboat.tls.engine.HandshakeRefusal;
import io.lifeboat.tls.engine.OfferedVersions;
import io.lifeboat.tls.engine.TlsRefusalListener;
import io.lifeboat.vault.api.VaultListener;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the vault reports (machine changes, refused handshakes, points, RPO changes) into
 * {@link VaultEvent}s: each is appended to the vault's {@link EventJournal} and handed to every subscriber
 * (alerts, metrics). A failure to log is logged and never reaches the request that caused it.
 */
public final class EventRecorder implements VaultListener, TlsRefusalListener, Consumer<VaultEvent> {
    private static final Logger LOG = LoggerFactory.getLogger("lifeboat.vault.events");

    private final EventJournal log;
    private final Clock clock;
    private final List<Consumer<VaultEvent>> subscribers = new CopyOnWriteArrayList<>();

    public EventRecorder(EventJournal log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** {@code s} is called for every event after it is logged, on the thread that recorded it: it must be quick. */
    public EventRecorder subscribe(Consumer<VaultEvent> s) {
        subscribers.add(s);
        return this;
    }

    @Override
    public void accept(VaultEvent e) {
        try {
            log.append(e);
        } catch (RuntimeException ex) {
            LOG.warn("event not logged ({}): {}", ex.toString(), e.message());
        }
        for (Consumer<VaultEvent> s : subscribers) {
            try {
                s.accept(e);
            } catch (RuntimeException ex) {
                LOG.warn("event subscriber failed on {}: {}", e.type().id(), ex.toString());
            }
        }
    }

    private Instant now() {
        return clock.instant();
    }

    @Override
    public void enrolled(String machine, String peer, Instant notAfter) {
        accept(VaultEvent.of(now(), EventType.ENROLLED, machine, "machine " + machine + " enrolled from " + peer,
                "peer", peer, "certificateExpiry", String.valueOf(notAfter)));
    }

    @Override
    public void renewed(String machine, Instant notAfter) {
        accept(VaultEvent.of(now(), EventType.RENEWED, machine, "machine " + machine + " renewed its certificate",
                "certificateExpiry", String.valueOf(notAfter)));
    }

    @Override
    public void revoked(String machine) {
        accept(VaultEvent.of(now(), EventType.REVOKED, machine, "machine " + machine + " was revoked"));
    }

    @Override
    public void refused(HandshakeRefusal r) {
        String cause = r.diagnosis().map(d -> d.cause().name()).orElse(null);
        String peer = r.remote().startsWith("/") ? r.remote().substring(1) : r.remote();
        if (r.oldProtocol()) {
            String offered = r.offered().map(OfferedVersions::highestName).orElse("unknown");
            accept(VaultEvent.of(now(), EventType.LEGACY_CLIENT_REFUSED, null,
                    "refused " + peer + ": it offers only " + offered,
                    "peer", peer, "offered", offered, "cause", cause, "engineCause", r.cause(), "fix", r.fix()));
        } else {
            accept(VaultEvent.of(now(), EventType.HANDSHAKE_FAILED, null, "TLS handshake with " + peer + " failed",
                    "peer", peer, "offered", r.offered().map(OfferedVersions::highestName).orElse("unknown"),
                    "cause", cause, "engineCause", r.cause(), "fix", r.fix()));
        }
    }
}
