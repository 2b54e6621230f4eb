package io.lifeboat.agent;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.diagnosis.AnchorSource;
import io.lifeboat.tls.diagnosis.Classifier;
import io.lifeboat.tls.diagnosis.Diagnosis;
import io.lifeboat.tls.diagnosis.Verdict;
import io.lifeboat.tls.diagnosis.probe.ConnectionProbe;
import io.lifeboat.tls.diagnosis.probe.ProbeOptions;
import io.lifeboat.tls.pki.Pem;
import io.lifeboat.vault.HostPort;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the agent cannot talk to its vault, it asks the doctor's probe and classifier why, logs the
 * cause id and the fix, and fails with the cause's kind (exit 10 unreachable, 11 identity
 * rejected). An HTTP refusal (the vault answered) is not a connection failure and passes through.
 */
public final class ConnectionDiagnosis {
    private static final Logger LOG = LoggerFactory.getLogger("lifeboat.agent");
    /** Each probe step waits at most this long, so a failing agent reports within seconds. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private ConnectionDiagnosis() {
    }

    /** True when no HTTP exchange happened (the failure came from the connection, not from the vault's answer). */
    static boolean connectionFailure(LifeboatException e) {
        return e.getCause() != null && (e.kind() == LifeboatException.Kind.UNREACHABLE
                || e.kind() == LifeboatException.Kind.IDENTITY_REJECTED);
    }

    /** Probes as described by {@code probe}, logs the verdict and returns the exception to throw. */
    static LifeboatException explain(LifeboatException failure, Supplier<ProbeOptions> probe) {
        if (!connectionFailure(failure)) {
            return failure;
        }
        if (Thread.currentThread().isInterrupted()) {
            return failure; // stopping: no time for a diagnosis
        }
        Verdict verdict;
        ProbeOptions options;
        try {
            options = probe.get();
        } catch (LifeboatException e) {
            return failure;
        }
        // The probe runs on its own daemon thread so that a stop (an interrupt) never waits for it.
        CompletableFuture<Verdict> running = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                running.complete(Classifier.classify(ConnectionProbe.run(options)));
            } catch (RuntimeException e) {
                running.completeExceptionally(e);
            }
        }, "lifeboat-diagnosis");
        t.setDaemon(true);
        t.start();
        try {
            verdict = running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure;
        } catch (ExecutionException e) {
            LOG.debug("connection diagnosis failed: {}", e.getCause().toString());
            return failure;
        }
        if (!(verdict instanceof Verdict.Diagnosed d)) {
            LOG.warn("[diagnosis] no known cause fits; run `lifeboat doctor` for details: {}", failure.getMessage());
            return failure;
        }
        Diagnosis g = d.diagnosis();
        if (failure.kind() == LifeboatException.Kind.IDENTITY_REJECTED
                && g.cause().kind() != LifeboatException.Kind.IDENTITY_REJECTED) {
            // The connection itself met a refusal of this machine's identity; a probe a moment later
            // that met something else (a vault restarting, a timeout on a loaded machine) does not
            // turn it into "unreachable", which would send an operator to the network.
            LOG.warn("[diagnosis] a probe after the refusal found {} ({}); the refusal stands: {}", g.cause(), g.title(),
                    failure.getMessage());
            return failure;
        }
        LOG.error("[diagnosis] {}", g.logLine());
        g.evidence().forEach(line -> LOG.info("[diagnosis] evidence: {}", line));
        for (int i = 0; i < g.likelyCauses().size(); i++) {
            LOG.info("[diagnosis] likely cause {}: {}", i + 1, g.likelyCauses().get(i));
        }
        return new LifeboatException(g.cause().kind(), failure.getMessage() + " -- cause " + g.cause() + ": "
                + g.title() + ". Fix: " + g.fix(), failure);
    }

    /** How an enrolling agent connects: no client certificate, the CA pinned by the token's hash. */
    static ProbeOptions enrolment(HostPort vault, String caSha256) {
        return ProbeOptions.of(vault.host(), vault.port()).withTimeout(PROBE_TIMEOUT).withPinnedCa(caSha256);
    }

    /** How an enrolled agent connects: its machine certificate, the vault CA of its folder. */
    static ProbeOptions enrolled(HostPort vault, AgentLayout layout) {
        try {
            return ProbeOptions.of(vault.host(), vault.port()).withTimeout(PROBE_TIMEOUT)
                    .withAnchors(Pem.readCertificates(layout.caCertificate()), AnchorSource.VAULT_CA)
                    .withClient(Pem.readCertificates(layout.machineCertificate()),
                            Pem.readPrivateKey(layout.machineKey()));
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot read the agent folder "
                    + layout.dir() + ": " + e.getMessage(), e);
        }
    }
}
