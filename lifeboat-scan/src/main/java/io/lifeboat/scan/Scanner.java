package io.lifeboat.scan;

import io.lifeboat.scan.net.Connector;
import io.lifeboat.scan.net.FailureReason;
import io.lifeboat.scan.net.Target;
import io.lifeboat.scan.probe.ProbeAttempt;
import io.lifeboat.scan.probe.ProbeContext;
import io.lifeboat.scan.probe.ProbeKind;
import io.lifeboat.scan.probe.SuiteCatalog;
import io.lifeboat.scan.probe.SuiteList;
import io.lifeboat.scan.probe.SuiteOrder;
import io.lifeboat.scan.probe.TargetFacts;
import io.lifeboat.scan.probe.Verdict;
import io.lifeboat.scan.probe.VersionSupport;
import io.lifeboat.scan.report.PolicyCheck;
import io.lifeboat.scan.report.ProtocolResult;
import io.lifeboat.scan.report.TargetReport;
import io.lifeboat.tls.NamedGroup;
import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.TlsPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scans targets: for each, the phase-0 probes (versions), then every phase-1 probe concurrently, all
 * through one {@link Connector} whose permits cap the connections to that target. Up to
 * {@code concurrency} targets run at once. A probe that throws becomes an error attempt; nothing a
 * server does aborts the scan.
 */
public final class Scanner {
    private static final Set<String> UNREACHABLE = Set.of(FailureReason.CONNECTION_REFUSED.code(),
            FailureReason.CONNECT_TIMEOUT.code(), FailureReason.UNKNOWN_HOST.code());

    private final ScanOptions options;
    private final PolicyCheck policy = new PolicyCheck(TlsPolicy.TLS12_PLUS);

    public Scanner(ScanOptions options) {
        this.options = options;
    }

    /** Scans every target; the reports come back in the order of {@code targets}. */
    public List<TargetReport> scan(List<Target> targets, ScanListener listener) throws InterruptedException {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lifeboat-scan-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Semaphore slots = new Semaphore(options.concurrency());
            List<Future<TargetReport>> futures = new ArrayList<>();
            for (Target t : targets) {
                for (Optional<InetAddress> address : addresses(t)) {
                    futures.add(pool.submit(() -> {
                        slots.acquire();
                        try {
                            listener.targetStarted(t);
                            TargetReport r = scanOne(t, address, pool);
                            listener.targetFinished(r);
                            return r;
                        } finally {
                            slots.release();
                        }
                    }));
                }
            }
            List<TargetReport> out = new ArrayList<>();
            for (Future<TargetReport> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("scanner bug: " + e.getCause(), e.getCause());
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The addresses to scan {@code t} at: with {@code allAddresses}, every address its name resolves to
     * (each becomes a report of its own); otherwise one, resolved when its scan starts (empty).
     */
    private List<Optional<InetAddress>> addresses(Target t) {
        if (!options.allAddresses() || Target.isAddress(t.host())) {
            return List.of(Optional.empty());
        }
        try {
            return options.resolver().resolve(t.host()).stream().map(Optional::of).toList();
        } catch (UnknownHostException e) {
            return List.of(Optional.empty()); // scanOne reports the unknown host
        }
    }

    /** Scans one target using {@code pool} for its concurrent probes. */
    TargetReport scanOne(Target target, ExecutorService pool) throws InterruptedException {
        return scanOne(target, Optional.empty(), pool);
    }

    /** Scans one target at {@code pinned} (or at the first address of its name) using {@code pool}. */
    TargetReport scanOne(Target target, Optional<InetAddress> pinned, ExecutorService pool) throws InterruptedException {
        long start = System.nanoTime();
        TargetFacts facts = new TargetFacts();
        InetAddress address;
        try {
            address = pinned.isPresent() ? pinned.get() : options.resolver().resolve(target.host()).get(0);
        } catch (UnknownHostException e) {
            facts.attempt(new ProbeAttempt(ProbeKind.PROTOCOL_VERSIONS.id(), ProbeAttempt.Status.ERROR,
                    FailureReason.UNKNOWN_HOST.code(), "cannot resolve " + target.host()));
            return finish(target, Optional.empty(), facts, 0, start);
        }
        Connector connector = new Connector(target, new InetSocketAddress(address, target.port()), options.timeout(),
                options.maxConnectionsPerTarget(), options.startTls());
        ProbeContext ctx = new ProbeContext(connector, options, facts, pool);
        for (ProbeKind k : ProbeKind.values()) {
            if (k.phase() == 0) {
                runSafely(k, ctx);
            }
        }
        boolean unreachable = facts.attempts().stream()
                .filter(a -> a.probe().startsWith(ProbeKind.PROTOCOL_VERSIONS.id()))
                .allMatch(a -> a.status() == ProbeAttempt.Status.ERROR && UNREACHABLE.contains(a.reason()));
        boolean notTls = facts.notTls().isPresent();
        List<Callable<Void>> later = new ArrayList<>();
        for (ProbeKind k : ProbeKind.values()) {
            if (k.phase() == 0) {
                continue;
            }
            if (unreachable) {
                facts.attempt(ProbeAttempt.notRun(k.id(), "unreachable", "the target did not accept connections"));
            } else if (notTls) {
                facts.attempt(ProbeAttempt.notRun(k.id(), "not_tls", "no TLS server answered (see reachability)"));
            } else {
                later.add(() -> {
                    runSafely(k, ctx);
                    return null;
                });
            }
        }
        ctx.parallel(later);
        return finish(target, Optional.of(address.getHostAddress()), facts, connector.connectionCount(), start);
    }

    private static void runSafely(ProbeKind k, ProbeContext ctx) throws InterruptedException {
        try {
            k.create().run(ctx);
        } catch (InterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            ctx.facts().attempt(new ProbeAttempt(k.id(), ProbeAttempt.Status.ERROR, FailureReason.ERROR.code(),
                    "probe failed: " + e));
        }
    }

    private TargetReport finish(Target target, Optional<String> address, TargetFacts facts, int connections, long start) {
        List<ProtocolResult> protocols = new ArrayList<>();
        for (ProtocolVersion v : ProtocolVersion.values()) {
            String attemptId = ProbeKind.PROTOCOL_VERSIONS.id() + ":" + v.standardName();
            boolean known = facts.attempts().stream().anyMatch(a -> a.probe().equals(attemptId)
                    && a.status() == ProbeAttempt.Status.COMPLETED);
            boolean accepted = facts.accepted(v);
            List<Integer> ids = List.of();
            SuiteOrder order = SuiteOrder.NOT_APPLICABLE;
            if (accepted) {
                Optional<SuiteList> s = facts.suites(v);
                ids = s.map(SuiteList::suites).orElse(facts.version(v).map(VersionSupport::chosen).orElse(List.of()));
                order = s.map(SuiteList::order).orElse(SuiteOrder.UNKNOWN);
            }
            protocols.add(new ProtocolResult(v, accepted, known,
                    ids.stream().map(id -> SuiteCatalog.name(v, id)).toList(), order));
        }
        List<String> groups = facts.groups().map(g -> g.groups().stream()
                .map(id -> NamedGroup.fromWireId(id).map(NamedGroup::standardName).orElse(String.format("0x%04X", id)))
                .toList()).orElse(List.of());
        String askedAt = facts.groups().map(g -> g.askedAt().standardName()).orElse("");
        TargetReport draft = new TargetReport(target.toString(), target.sni(), address, protocols, groups, askedAt,
                facts.verdict(ProbeKind.FALLBACK_SCSV), facts.verdict(ProbeKind.DOWNGRADE_SENTINEL), facts.tls11Sentinel(),
                facts.verdict(ProbeKind.RENEGOTIATION), facts.verdict(ProbeKind.COMPRESSION), facts.certificate(),
                facts.notTls(), List.of(), facts.attempts(), connections, Duration.ofNanos(System.nanoTime() - start));
        return draft.withFindings(policy.judge(draft));
    }
}
