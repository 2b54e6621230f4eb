package io.lifeboat.vault.metrics;

import io.lifeboat.vault.events.EventType;
import io.lifeboat.vault.events.VaultEvent;
import io.lifeboat.vault.ops.FleetStatus;
import io.lifeboat.vault.ops.SourceStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The vault's meters, on one Prometheus registry; see the package note. Thread-safe. */
public final class VaultMetrics implements Consumer<VaultEvent> {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger uploadsInFlight = new AtomicInteger();
    private final AtomicLong bytesStored = new AtomicLong();
    private final MultiGauge rpoSeconds;
    private final MultiGauge health;
    private final MultiGauge pointsKept;
    private final MultiGauge agentAchieved;

    public VaultMetrics() {
        // Latency histograms (buckets) for every timer: Prometheus computes quantiles across vaults from them.
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getType() == Meter.Type.TIMER
                        ? DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config)
                        : config;
            }
        });
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        rpoSeconds = MultiGauge.builder("lifeboat.rpo.seconds").baseUnit("seconds")
                .description("Age of the newest recovery point of a source").register(registry);
        health = MultiGauge.builder("lifeboat.source.health")
                .description("Health of a source: 0 ok, 1 warning, 2 critical, 3 never-protected, 4 revoked")
                .register(registry);
        pointsKept = MultiGauge.builder("lifeboat.points.kept").description("Recovery points kept per source")
                .register(registry);
        agentAchieved = MultiGauge.builder("lifeboat.agent.rpo.achieved").baseUnit("seconds")
                .description("RPO an agent protecting with --rpo reports it achieved (time between its last two commits)")
                .register(registry);
        Gauge.builder("lifeboat.uploads.in.flight", uploadsInFlight, AtomicInteger::get)
                .description("Block uploads being received now").register(registry);
        Gauge.builder("lifeboat.repository.stored", bytesStored, AtomicLong::get).baseUnit("bytes")
                .description("Bytes the repository occupies on disk").register(registry);
    }

    /** Adds Vert.x's own meters (HTTP server requests, connections, pools) to this registry. */
    public VertxBuilder instrument(VertxBuilder b) {
        return b.with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry));
    }

    /** The text exposition format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    /** Refreshes the per-source gauges from one evaluation of the fleet. */
    public void fleet(FleetStatus status, long repositoryBytes,
            java.util.Map<String, java.util.Map<String, io.lifeboat.vault.ops.AgentRpo>> agents) {
        List<MultiGauge.Row<?>> achieved = new ArrayList<>();
        agents.forEach((machine, sources) -> sources.forEach((source, r) -> {
            if (r.achieved() != null) {
                achieved.add(MultiGauge.Row.of(Tags.of("machine", machine, "source", source), r.achieved().toSeconds()));
            }
        }));
        agentAchieved.register(achieved, true);
        List<MultiGauge.Row<?>> rpo = new ArrayList<>();
        List<MultiGauge.Row<?>> h = new ArrayList<>();
        List<MultiGauge.Row<?>> kept = new ArrayList<>();
        for (SourceStatus s : status.sources()) {
            Tags tags = Tags.of("machine", s.machine(), "source", s.source());
            rpo.add(MultiGauge.Row.of(tags, s.rpo().toMillis() / 1000.0));
            h.add(MultiGauge.Row.of(tags, s.health().code()));
            kept.add(MultiGauge.Row.of(tags, s.points()));
        }
        status.machines().stream().filter(m -> m.sources().isEmpty()).forEach(m ->
                h.add(MultiGauge.Row.of(Tags.of("machine", m.machine(), "source", ""), m.health().code())));
        rpoSeconds.register(rpo, true);
        health.register(h, true);
        pointsKept.register(kept, true);
        bytesStored.set(repositoryBytes);
    }

    /** Counts points and refusals as they are recorded. */
    @Override
    public void accept(VaultEvent e) {
        if (e.type() == EventType.POINT) {
            Counter.builder("lifeboat.points.committed").tag("machine", e.machine())
                    .description("Recovery points committed").register(registry).increment();
        } else if (e.type() == EventType.LEGACY_CLIENT_REFUSED || e.type() == EventType.HANDSHAKE_FAILED) {
            Counter.builder("lifeboat.tls.refused").tag("offered", e.detail().getOrDefault("offered", "unknown"))
                    .description("Refused TLS handshakes by the highest version the client offered")
                    .register(registry).increment();
        } else if (e.type() == EventType.UPLOAD_FAILED) {
            Counter.builder("lifeboat.uploads.failed").tag("machine", e.machine())
                    .description("Block uploads the vault refused").register(registry).increment();
        }
    }

    /** A new TLS connection of an agent, by negotiated version and suite. */
    public void connection(String version, String suite) {
        Counter.builder("lifeboat.tls.connections").tag("version", version).tag("suite", suite)
                .description("Agent TLS connections by negotiated version and suite").register(registry).increment();
    }

    public void bytesReceived(String machine, long bytes) {
        Counter.builder("lifeboat.received").baseUnit("bytes").tag("machine", machine)
                .description("Request body bytes received from agents").register(registry).increment(bytes);
    }

    public void request(String request, int status, Duration took) {
        Timer.builder("lifeboat.replication.request").tag("request", request).tag("status", Integer.toString(status))
                .description("Replication requests").register(registry).record(took);
    }

    public void uploadStarted() {
        uploadsInFlight.incrementAndGet();
    }

    public void uploadEnded() {
        uploadsInFlight.decrementAndGet();
    }
}
