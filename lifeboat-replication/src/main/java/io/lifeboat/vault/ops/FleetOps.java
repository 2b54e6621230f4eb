package io.lifeboat.vault.ops;

import io.lifeboat.repository.PointInfo;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.alerts.WebhookSender;
import io.lifeboat.vault.alerts.WebhookStore;
import io.lifeboat.vault.events.EventJournal;
import io.lifeboat.vault.events.EventRecorder;
import io.lifeboat.vault.events.EventType;
import io.lifeboat.vault.events.VaultEvent;
import io.lifeboat.vault.http.MutualTlsAuthorisation;
import io.lifeboat.vault.metrics.MetricsRoutes;
import io.lifeboat.vault.metrics.MetricsToken;
import io.lifeboat.vault.metrics.VaultMetrics;
import io.lifeboat.vault.api.VaultRoutes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fleet operations of one serving vault, assembled in one place: the event recorder (the vault's
 * listener for enrolments, renewals, revocations and refused handshakes), the replication observer,
 * the RPO monitor on a timer, metrics and webhooks. All file work runs on one ops thread, never on
 * the event loop or a replication worker.
 */
public final class FleetOps implements FleetView, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("lifeboat.vault.ops");

    /** @param checkEvery how often the RPO monitor evaluates the fleet */
    public record Options(Duration checkEvery, WebhookSender.Delivery delivery) {
        public static final Options DEFAULT = new Options(Duration.ofSeconds(10), WebhookSender.Delivery.DEFAULT);
    }

    private final Vault vault;
    private final Supplier<List<PointInfo>> points;
    private final Options options;
    private final EventJournal log;
    private final EventRecorder recorder;
    private final VaultMetrics metrics = new VaultMetrics();
    private final WebhookSender webhooks;
    private final RpoSettingsStore settings;
    private final RpoMonitor monitor;
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AgentRpo>> agentRpo = new ConcurrentHashMap<>();
    private StorageUse disk;
    private Instant diskAt = Instant.EPOCH;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lifeboat-fleet-ops");
        t.setDaemon(true);
        return t;
    });

    /** @param points every point the serving repository keeps, now */
    public FleetOps(Vault vault, Supplier<List<PointInfo>> points, Options options) {
        this.vault = vault;
        this.points = points;
        this.options = options;
        this.log = vault.events();
        this.recorder = new EventRecorder(log, vault.clock());
        this.webhooks = new WebhookSender(new WebhookStore(vault.layout().dir()), options.delivery());
        this.settings = new RpoSettingsStore(vault.layout().dir());
        this.monitor = new RpoMonitor(vault.layout().dir(), this::evaluate, recorder);
        recorder.subscribe(metrics).subscribe(webhooks);
        vault.listener(new Deferred());
    }

    /** Starts the RPO monitor's timer; the first check runs at once. */
    public FleetOps start() {
        long every = options.checkEvery().toMillis();
        thread.scheduleWithFixedDelay(this::check, 0, every, TimeUnit.MILLISECONDS);
        return this;
    }

    private FleetStatus check() {
        try {
            FleetStatus s = monitor.check();
            metrics.fleet(s, diskUse().totalBytes(), agentRpo());
            return s;
        } catch (RuntimeException e) {
            LOG.warn("fleet check failed: {}", e.toString());
            return null;
        }
    }

    /** Hands {@code work} to the ops thread; after {@link #close} it is dropped with a log line, never thrown at the caller. */
    private void later(Runnable work) {
        try {
            thread.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.info("fleet operations are stopped: an event was not recorded");
        }
    }

    /** What the repository occupies on disk, walked at most once a minute (a large repository has many packs). */
    private synchronized StorageUse diskUse() {
        Instant now = Instant.now();
        if (disk == null || diskAt.plusSeconds(60).isBefore(now)) {
            disk = StorageUse.disk(vault.layout().repo());
            diskAt = now;
        }
        return disk;
    }

    /** Runs one check on the ops thread now and waits for it (after everything handed off before it). */
    public FleetStatus checkNow() {
        try {
            return thread.submit(this::check).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("fleet check did not finish", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private FleetStatus evaluate() {
        return FleetEvaluator.evaluate(vault.listMachines(), points.get(), settings.read(), vault.clock().instant());
    }

    /** Told about refused handshakes (called on the event loop: handed to the ops thread). */
    public io.lifeboat.tls.engine.TlsRefusalListener refusals() {
        return r -> later(() -> recorder.refused(r));
    }

    /** The route set to place first among the mutual-TLS route sets. */
    public VaultRoutes observer() {
        return new ReplicationObserver(metrics, links, new ReplicationObserver.Reports() {
            @Override
            public void committed(String machine) {
                later(() -> pointCommitted(machine));
            }

            @Override
            public void uploadRefused(String machine, int status, String peer) {
                later(() -> recorder.accept(VaultEvent.of(vault.clock().instant(), EventType.UPLOAD_FAILED,
                        machine, "an upload of machine " + machine + " was refused with HTTP " + status,
                        "status", Integer.toString(status), "peer", peer)));
            }
        }, vault.clock());
    }

    private void pointCommitted(String machine) {
        Optional<PointInfo> newest = points.get().stream().filter(p -> p.machine().equals(machine))
                .max(java.util.Comparator.comparing(PointInfo::created));
        newest.ifPresent(p -> recorder.accept(VaultEvent.of(vault.clock().instant(), EventType.POINT, machine,
                "point " + p.id() + " of " + p.source() + " committed",
                "point", p.id(), "source", p.source(), "sourceBytes", Long.toString(p.sourceBytes()),
                "bytesSent", Long.toString(p.bytesSent()), "tlsVersion", p.tlsVersion(),
                "cipherSuite", p.cipherSuite(), "consistency", p.consistency())));
        check(); // a machine that protects again turns ok now, not at the next tick
    }

    /** {@code POST /v1/machines/{m}/rpo}: agents' RPO reports; placed before the replication routes. */
    public VaultRoutes agentRpoRoutes() {
        return new AgentRpoRoutes(agentRpo, vault.clock());
    }

    /** {@code GET /metrics}, behind the token or mutual TLS. */
    public VaultRoutes metricsRoutes() {
        return new MetricsRoutes(metrics, new MetricsToken(vault.layout().dir()),
                new MutualTlsAuthorisation(vault.authority().ca().certificate().getPublicKey(), vault.machines(),
                        vault.clock()));
    }

    public VaultMetrics metrics() {
        return metrics;
    }

    @Override
    public FleetStatus status() {
        return evaluate();
    }

    @Override
    public Map<String, Link> links() {
        return Map.copyOf(links);
    }

    @Override
    public Map<String, Map<String, AgentRpo>> agentRpo() {
        Map<String, Map<String, AgentRpo>> copy = new java.util.TreeMap<>();
        agentRpo.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        return copy;
    }

    @Override
    public List<VaultEvent> events(Instant since) {
        return log.since(since);
    }

    @Override
    public List<PointInfo> points(String machine) {
        return points.get().stream().filter(p -> p.machine().equals(machine)).toList();
    }

    @Override
    public StorageUse storage() {
        StorageUse d = diskUse();
        return new StorageUse(d.totalBytes(), d.byFolder(), StorageUse.perMachine(points.get()));
    }

    public Vault vault() {
        return vault;
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        webhooks.close();
    }

    /** The vault's listener: enrolment and renewal run on request threads, so the writing is handed off. */
    private final class Deferred implements io.lifeboat.vault.api.VaultListener {
        @Override
        public void enrolled(String machine, String peer, Instant notAfter) {
            later(() -> recorder.enrolled(machine, peer, notAfter));
        }

        @Override
        public void renewed(String machine, Instant notAfter) {
            later(() -> recorder.renewed(machine, notAfter));
        }

        @Override
        public void revoked(String machine) {
            later(() -> recorder.revoked(machine));
        }
    }
}
