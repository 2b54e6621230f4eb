package io.lifeboat.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.cli.testing.LifeboatProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A vault and its agents as real child processes on loopback, for the end-to-end tests: the vault
 * listens on a fixed free port (so a restarted vault is found again by enrolled agents), agents are
 * enrolled with one-time tokens, every command runs as {@code lifeboat ...} in its own JVM.
 */
final class ReplicationLab implements AutoCloseable {
    static final Duration T = Duration.ofSeconds(180);
    static final ObjectMapper JSON = new ObjectMapper();
    /** Children read odd file names as UTF-8 whatever the caller's locale. */
    static final Map<String, String> ENV = Map.of("LC_ALL", "C.UTF-8");

    final Path root;
    final Path vault;
    private final int port;
    private LifeboatProcess serve;

    private ReplicationLab(Path root) {
        this.root = root;
        this.vault = root.resolve("V");
        this.port = freePort();
    }

    static ReplicationLab start(Path root) {
        return start(root, List.of());
    }

    /** A lab whose {@code vault init} also gets {@code initOptions} (a {@code --store}, say). */
    static ReplicationLab start(Path root, List<String> initOptions) {
        ReplicationLab lab = new ReplicationLab(root);
        List<String> init = new ArrayList<>(List.of("vault", "init", "--dir", lab.vault.toString(), "--listen", "127.0.0.1:" + lab.port));
        init.addAll(initOptions);
        lab.ok(init.toArray(String[]::new));
        lab.startVault();
        return lab;
    }

    void startVault() {
        serve = LifeboatProcess.start(ENV, "vault", "serve", "--dir", vault.toString());
        serve.waitForStdout(l -> l.startsWith("vault: listening on"), T);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void killVault() {
        serve.close();
        serve = null;
    }

    int port() {
        return port;
    }

    LifeboatProcess vaultProcess() {
        return serve;
    }

    /** Enrols {@code machine} into a new agent folder and returns it. */
    Path enroll(String machine) {
        String token = ok("vault", "enroll", "--dir", vault.toString(), "--machine", machine).stdoutLines().get(0);
        Path agent = root.resolve("agent-" + machine);
        ok("agent", "enroll", token, "--dir", agent.toString());
        return agent;
    }

    LifeboatProcess.Result run(String... args) {
        return LifeboatProcess.run(ENV, T, args);
    }

    LifeboatProcess.Result ok(String... args) {
        LifeboatProcess.Result r = run(args);
        assertThat(r.exitCode()).as("lifeboat %s\n%s", String.join(" ", args), r).isZero();
        return r;
    }

    LifeboatProcess startProtect(Path agent, Path source) {
        return LifeboatProcess.start(ENV, "agent", "protect", "--dir", agent.toString(), "--once", "--json",
                source.toString());
    }

    /** {@code agent protect --once --json}; returns its "committed" event. */
    JsonNode protect(Path agent, Path source, String... options) {
        List<String> args = new ArrayList<>(List.of("agent", "protect", "--dir", agent.toString(), "--once", "--json"));
        args.addAll(List.of(options));
        args.add(source.toString());
        return committed(ok(args.toArray(String[]::new)));
    }

    static JsonNode committed(LifeboatProcess.Result r) {
        return events(r.stdout()).stream().filter(e -> e.path("event").asText().equals("committed")).findFirst()
                .orElseThrow(() -> new AssertionError("no committed event\n" + r));
    }

    static List<JsonNode> events(String stdout) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("{")) {
                out.add(read(line));
            }
        }
        return out;
    }

    /** The points of one machine, as {@code points --json} lists them. */
    List<JsonNode> points(String machine) {
        JsonNode all = read(ok("points", "--dir", vault.toString(), "--machine", machine, "--json").stdout());
        List<JsonNode> out = new ArrayList<>();
        all.path("points").forEach(out::add);
        return out;
    }

    void failover(String machine, String point, Path target) {
        ok("failover", "--dir", vault.toString(), "--machine", machine, "--point", point, "--to", target.toString());
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (serve != null) {
            serve.close();
        }
    }
}
