package io.lifeboat.cli.vault;

import io.lifeboat.repository.hashing.BlockHasher;
import io.lifeboat.repository.hashing.MultiBlockSha256;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.VaultServer;
import io.lifeboat.vault.api.VaultRoutes;
import io.lifeboat.vault.fleet.FleetServer;
import io.lifeboat.vault.ops.FleetOps;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vault serve}: runs the HTTPS server until interrupted (SIGINT / SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the vault API over TLS 1.2/1.3 (mutual TLS for everything but enrolment).",
            "Prints the TLS engine, then one line `vault: listening on HOST:PORT` (also written to VAULT/run/address).",
            "Stops cleanly on SIGINT or SIGTERM."})
public final class VaultServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VaultDirOption dir;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "${env:LIFEBOAT_TLS_ENGINE:-auto}",
            description = "TLS engine: auto (BoringSSL when it loads, else JDK), boringssl or jdk (default: ${DEFAULT-VALUE}; env LIFEBOAT_TLS_ENGINE).")
    String engine;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Take options not given here from FILE (as `vault install-service` writes it: dir=..., engine=...).")
    java.nio.file.Path config;

    @Override
    public Integer call() throws InterruptedException {
        if (config != null) {
            io.lifeboat.cli.service.ConfigFileDefaults.fromArgs("--config", config.toString()).checkKeys(spec);
        }
        Vault vault = dir.open(Clock.systemUTC());
        TlsEngine tls = TlsEngine.select(engine);
        var out = spec.commandLine().getOut();
        out.println("vault: TLS engine " + tls.description());
        MultiBlockSha256.prepare();
        out.println("vault: block hashing " + BlockHasher.describe());
        out.flush();
        List<VaultRoutes> routes = VaultRouteSets.all();
        FleetServer fleet = FleetServer.start(vault, tls, routes, FleetOps.Options.DEFAULT, FleetServer.DEFAULT_SESSION);
        VaultServer server = fleet.server();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            fleet.close();
            closeAll(routes);
            stopped.countDown();
        }, "vault-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("vault: listening on " + server.address() + " (TLS 1.3, TLS 1.2; engine " + tls.id() + ")");
        vault.store().ifPresent(store -> out.println("vault: node " + server.membership().id() + " of the vault in "
                + store.location() + " (" + server.membership().nodes().size() + " node(s) live; list: GET /v1/nodes)"));
        out.println("vault: dashboard at https://" + server.address() + "/ui/ (sign in with `lifeboat vault login-url`),"
                + " metrics at /metrics");
        out.flush();
        // a fresh vault's first delta commit compiled its path on the request (1.6 CPU s of JIT): do it now
        io.lifeboat.repository.DeltaWarmUp.startInBackground();
        stopped.await();
        return 0;
    }

    /** Route sets that hold resources (the repository's writer lock) release them after the server stops. */
    private static void closeAll(List<VaultRoutes> routes) {
        for (VaultRoutes r : routes) {
            if (r instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("vault: closing " + r.getClass().getSimpleName() + " failed: " + e);
                }
            }
        }
    }
}
