package io.lifeboat.cli.agent;

import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.VaultClient;
import io.lifeboat.tls.engine.TlsEngine;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Starts {@code agent protect}'s vault client (the TLS engine, BoringSSL loaded, Vert.x and the
 * client with the agent folder's identity) as the very first thing {@code Main} does, on a thread of
 * its own, while picocli builds and parses the command line; the command then takes it ({@link #take})
 * rather than starting its own once its options are parsed. Only for a command line that names the
 * agent folder itself ({@code --dir AGENT}); otherwise (a {@code --config} file that names it, the help,
 * the version, another command) nothing starts here and the command sets its client up as before.
 *
 * <p>Nothing is printed or thrown here: a failure (a folder that is not enrolled, a bad key, an
 * unknown engine) is kept and thrown by the first request, as the command's own set-up does, so the
 * error is the same and said once. A client the command does not take (its options differ from what
 * the raw arguments said, or it stopped before connecting: a usage error) is closed by {@link #discard}.
 */
public final class EarlyClient {
    /** picocli's standard options that print the help or the version and run nothing. */
    private static final Set<String> ONLY_PRINTS = Set.of("-h", "--help", "-V", "--version");
    private static EarlyClient started;

    private final Path dir;
    private final String engine;
    private final CompletableFuture<VaultClient> setUp = new CompletableFuture<>();

    private EarlyClient(Path dir, String engine) {
        this.dir = dir;
        this.engine = engine;
    }

    /** The agent folder and engine {@code args} name, when they are a protect command that connects; else null. */
    static EarlyClient wanted(String[] args, String engineEnv) {
        if (args.length < 2 || !args[0].equals("agent") || !args[1].equals("protect")) {
            return null;
        }
        String dir = null;
        String engine = engineEnv == null ? "auto" : engineEnv; // picocli's default for --engine
        for (int i = 2; i < args.length && !args[i].equals("--"); i++) { // after "--", only paths
            String a = args[i];
            if (ONLY_PRINTS.contains(a)) {
                return null;
            }
            if ((a.equals("--dir") || a.equals("--engine")) && i + 1 < args.length) {
                String value = args[++i];
                if (a.equals("--dir")) {
                    dir = value;
                } else {
                    engine = value;
                }
            } else if (a.startsWith("--dir=")) {
                dir = a.substring("--dir=".length());
            } else if (a.startsWith("--engine=")) {
                engine = a.substring("--engine=".length());
            }
        }
        return dir == null ? null : new EarlyClient(Path.of(dir), engine);
    }

    /** Starts the set-up when {@code args} want it; returns whether it started. */
    public static synchronized boolean startIfWanted(String[] args) {
        EarlyClient early = wanted(args, System.getenv("LIFEBOAT_TLS_ENGINE"));
        if (early == null) {
            return false;
        }
        Thread t = new Thread(early::setUp, "lifeboat-vault-connect");
        t.setDaemon(true); // never keeps the JVM up
        t.start();
        started = early;
        return true;
    }

    private void setUp() {
        try {
            AgentLayout layout = new AgentLayout(dir);
            setUp.complete(VaultClient.open(layout, TlsEngine.select(engine)));
        } catch (Throwable failure) { // thrown by the first request that needs the client
            setUp.completeExceptionally(failure);
        }
    }

    /**
     * The client started for {@code dir} and {@code engine}, being set up, or null when none was started
     * for them (one started for other options is closed). Given once.
     */
    static synchronized CompletableFuture<VaultClient> take(Path dir, String engine) {
        EarlyClient early = started;
        started = null;
        if (early == null) {
            return null;
        }
        // the logger asked for here, not at the JVM's start: logging is set up by then
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EarlyClient.class);
        if (!early.dir.equals(dir) || !early.engine.equals(engine)) {
            log.debug("the vault client set up at the start (for {}, engine {}) is not taken: options differ", early.dir,
                    early.engine);
            early.close();
            return null;
        }
        log.debug("the vault client set up at the start is taken");
        return early.setUp;
    }

    /** Closes a client started and not taken (the command stopped before it connected). */
    public static synchronized void discard() {
        EarlyClient early = started;
        started = null;
        if (early != null) {
            early.close();
        }
    }

    private void close() {
        setUp.thenAccept(VaultClient::close); // when it is ready; a failed set-up has nothing to close
    }
}
