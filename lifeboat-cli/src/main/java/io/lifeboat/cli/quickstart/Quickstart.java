package io.lifeboat.cli.quickstart;

import io.lifeboat.agent.AgentEnrolment;
import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.protect.FingerprintKey;
import io.lifeboat.agent.protect.HttpVaultApi;
import io.lifeboat.agent.protect.KnownBlocksStore;
import io.lifeboat.agent.protect.ProtectListener;
import io.lifeboat.agent.protect.ProtectOptions;
import io.lifeboat.agent.protect.ProtectResult;
import io.lifeboat.agent.protect.Protector;
import io.lifeboat.agent.protect.StopSignal;
import io.lifeboat.agent.protect.VaultClientTransport;
import io.lifeboat.cli.render.ProgressBar;
import io.lifeboat.restore.Failover;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.RestoreListener;
import io.lifeboat.restore.RestoreResult;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.vault.HostPort;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.VaultLayout;
import io.lifeboat.vault.VaultServer;
import io.lifeboat.vault.api.EnrolmentToken;
import io.lifeboat.vault.replication.ReplicationRoutes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The whole loop on this machine, in one folder: a vault (served in this process on a free loopback
 * port), an enrolled agent, two protect passes of a sample (or of the user's path, which is only
 * read), a test failover of the latest point checked byte for byte, the TLS session the points
 * travelled over, and a TLS 1.1 client refused by the vault. Every step prints one line; the first
 * that fails ends the run with its error.
 */
final class Quickstart {
    static final String MACHINE = "quickstart";
    private static final int STEPS = 8;

    private final Path work;
    private final Optional<Path> userPath;
    private final PrintStream out;
    private int step;

    Quickstart(Path work, Optional<Path> userPath, PrintStream out) {
        this.work = work;
        this.userPath = userPath;
        this.out = out;
    }

    void run() throws IOException {
        long started = System.nanoTime();
        TlsEngine engine = TlsEngine.preferred();
        Vault vault = Vault.init(new VaultLayout(work.resolve("vault")), List.of(), HostPort.parse("127.0.0.1:0"),
                Clock.systemUTC());
        try (ReplicationRoutes routes = new ReplicationRoutes();
                VaultServer server = VaultServer.start(vault, engine, List.of(routes))) {
            say("vault: created in %s, CA sha256 %s...; serving on %s (TLS 1.3, TLS 1.2; engine %s)",
                    vault.layout().dir(), vault.caSha256().substring(0, 16), server.address(), engine.id());

            AgentLayout agent = new AgentLayout(work.resolve("agent"));
            AgentEnrolment.Result enrolled = AgentEnrolment.enroll(EnrolmentToken.parse(
                    vault.enroll(MACHINE, Duration.ofMinutes(10))), null, agent, engine);
            say("agent: enrolled machine %s with a one-time token over %s (%s); its key never left %s",
                    enrolled.machine(), enrolled.protocol(), enrolled.cipherSuite(), agent.dir());

            Path source = userPath.orElse(work.resolve("sample.img"));
            if (userPath.isEmpty()) {
                Sample.write(source);
                say("sample: %s disk image at %s (a third random, a third text, a third zeros)",
                        ProgressBar.bytes(Sample.SIZE), source);
            } else {
                say("source: %s (only read, never changed)", source);
            }

            try (VaultClientTransport transport = VaultClientTransport.open(agent, engine)) {
                StopSignal stop = new StopSignal();
                ProtectOptions options = ProtectOptions.defaults();
                Protector protector = new Protector(new HttpVaultApi(transport, transport.machine(), options.retry(),
                        ProtectListener.NONE, stop), options, ProtectListener.NONE, stop,
                        KnownBlocksStore.in(agent.knownBlocks(), FingerprintKey.loadOrCreate(agent.fingerprintKey())));
                ProtectResult first = protector.protect(source);
                say("protect: %s", describe(first));

                ProtectResult second;
                if (userPath.isEmpty()) {
                    int pieces = Sample.change(source);
                    second = protector.protect(source);
                    say("changed %d scattered 64 KiB pieces (1%%), protect again: %s; %.1f%% of the source on the wire",
                            pieces, describe(second), 100.0 * second.bytesSent() / Math.max(1, second.sourceBytes()));
                } else {
                    second = protector.protect(source);
                    say("protect again (your data is not changed): %s", describe(second));
                }

                Path target = work.resolve("restore");
                RestoreResult restored = new Failover(routes.repository(), RestoreListener.NONE)
                        .run(MACHINE, "latest", target, new FailoverOptions(true, false));
                Optional<String> diff = SameContent.difference(source, target);
                if (diff.isPresent()) {
                    throw new LifeboatException(LifeboatException.Kind.INTEGRITY, "the test failover of point "
                            + restored.point().id() + " differs from the source: " + diff.get());
                }
                say("test failover of the latest point %s to %s: %s restored, %d blocks verified; byte-identical"
                        + " to the source", restored.point().id(), target, ProgressBar.bytes(restored.bytesRestored()),
                        restored.blocksVerified());
                say("TLS: both points travelled over %s with %s (machine certificate, mutual TLS)",
                        second.point().tlsVersion(), second.point().cipherSuite());
            }

            LegacyClientProbe.Outcome legacy = LegacyClientProbe.probe(server.address());
            if (!legacy.refused()) {
                throw new LifeboatException(LifeboatException.Kind.FAILED, "a TLS 1.1 client was NOT refused: "
                        + legacy.description());
            }
            say("a TLS 1.1-only client was refused: %s (the vault logged the refusal with the fix)",
                    legacy.description());
        }
        out.printf(Locale.ROOT, "quickstart: every step worked in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static String describe(ProtectResult r) {
        return String.format(Locale.ROOT, "point %s, %s source in %d blocks (%d zero, never sent), %d sent, %d already"
                + " in the vault, %s on the wire", r.point().id(), ProgressBar.bytes(r.sourceBytes()), r.blocks(),
                r.zeroBlocks(), r.blocksSent(), r.blocksPresent(), ProgressBar.bytes(r.bytesSent()));
    }

    private void say(String format, Object... args) {
        step++;
        out.printf(Locale.ROOT, "[%d/%d] " + format + "%n", prepend(step, args));
        out.flush();
    }

    private static Object[] prepend(int step, Object[] args) {
        Object[] all = new Object[args.length + 2];
        all[0] = step;
        all[1] = STEPS;
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
