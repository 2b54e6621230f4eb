package io.lifeboat.scan;

import io.lifeboat.tls.pki.ChainJudge;
import io.lifeboat.tls.LifeboatException;
import java.time.Clock;
import io.lifeboat.scan.net.Resolver;
import io.lifeboat.scan.net.starttls.StartTls;
import java.time.Duration;
import java.util.Optional;

/**
 * How a scan runs. Immutable; the CLI builds it from flags.
 *
 * @param timeout                  per connection, from connect to the last byte needed
 * @param maxConnectionsPerTarget  the most connections open to one target at once
 * @param concurrency              the most targets scanned at once
 * @param bundleSize               the most suites offered in one hello
 * @param chainJudge               the trust anchors certificates are judged against
 * @param clock                    "now" for certificate validity
 * @param startTls                 when present, every connection asks the server to start TLS this way first
 * @param allAddresses             scan every address a name resolves to, each as a target of its own
 * @param resolver                 names to addresses
 */
public record ScanOptions(Duration timeout, int maxConnectionsPerTarget, int concurrency, int bundleSize,
        ChainJudge chainJudge, Clock clock, Optional<StartTls> startTls, boolean allAddresses,
        Resolver resolver) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_CONNECTIONS_PER_TARGET = 8;
    public static final int DEFAULT_CONCURRENCY = 16;
    public static final int DEFAULT_BUNDLE_SIZE = 128;

    public ScanOptions {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "timeout must be positive, not " + timeout);
        }
        if (maxConnectionsPerTarget < 1 || concurrency < 1) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "connection and target limits must be at least 1");
        }
        if (bundleSize < 1 || bundleSize > 4000) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "bundle size must be 1..4000, not " + bundleSize);
        }
    }

    public static ScanOptions defaults() {
        return new ScanOptions(DEFAULT_TIMEOUT, DEFAULT_CONNECTIONS_PER_TARGET, DEFAULT_CONCURRENCY,
                DEFAULT_BUNDLE_SIZE, ChainJudge.jdkDefault(), Clock.systemUTC(), Optional.empty(), false,
                Resolver.SYSTEM);
    }

    public ScanOptions withTimeout(Duration t) {
        return new ScanOptions(t, maxConnectionsPerTarget, concurrency, bundleSize, chainJudge, clock, startTls, allAddresses, resolver);
    }

    public ScanOptions withLimits(int perTarget, int targets) {
        return new ScanOptions(timeout, perTarget, targets, bundleSize, chainJudge, clock, startTls, allAddresses, resolver);
    }

    public ScanOptions withChainJudge(ChainJudge judge) {
        return new ScanOptions(timeout, maxConnectionsPerTarget, concurrency, bundleSize, judge, clock, startTls, allAddresses, resolver);
    }

    public ScanOptions withBundleSize(int size) {
        return new ScanOptions(timeout, maxConnectionsPerTarget, concurrency, size, chainJudge, clock, startTls, allAddresses, resolver);
    }

    public ScanOptions withStartTls(Optional<StartTls> s) {
        return new ScanOptions(timeout, maxConnectionsPerTarget, concurrency, bundleSize, chainJudge, clock, s, allAddresses, resolver);
    }

    public ScanOptions withAllAddresses(boolean all) {
        return new ScanOptions(timeout, maxConnectionsPerTarget, concurrency, bundleSize, chainJudge, clock, startTls, all, resolver);
    }

    public ScanOptions withResolver(Resolver r) {
        return new ScanOptions(timeout, maxConnectionsPerTarget, concurrency, bundleSize, chainJudge, clock, startTls,
                allAddresses, r);
    }

    public ScanOptions withClock(Clock c) {
        return new ScanOptions(timeout, maxConnectionsPerTarget, concurrency, bundleSize, chainJudge, c, startTls, allAddresses, resolver);
    }
}
