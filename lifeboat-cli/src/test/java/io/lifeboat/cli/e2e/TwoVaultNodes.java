package io.lifeboat.cli.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeboat.cli.testing.LifeboatProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Two {@code vault serve} processes in front of one store: node 1 is the {@link ReplicationLab}'s vault
 * ({@code vault init --store ...}), node 2 a second vault folder on the same store with another listen
 * port, each a real child process that a test can SIGKILL.
 *
 * <p>Until {@code vault join} exists on this branch, node 2 is made by copying node 1's folder (CA,
 * server certificate, machine registry, policy, {@code vault.json}) and giving it another port: the one
 * place to switch to {@code vault join --dir V2 --store URL --key-file V/vault.key --listen HOST:PORT}
 * at merge is {@link #joinSecondNode}. Machines must be enrolled before it (the copied registry is
 * node 2's own until the vault's state lives in the store). Agents learn both addresses from
 * {@link #teach} until the vault's {@code GET /v1/nodes} lists them.
 */
final class TwoVaultNodes implements AutoCloseable {
    final ReplicationLab lab;
    final Path vault2;
    private final int port2;
    private LifeboatProcess serve2;

    private TwoVaultNodes(ReplicationLab lab) {
        this.lab = lab;
        this.vault2 = lab.root.resolve("V2");
        this.port2 = freePort();
    }

    /** Node 1 on {@code store} (its {@code vault init} options), serving. */
    static TwoVaultNodes start(Path root, List<String> storeOptions) {
        return new TwoVaultNodes(ReplicationLab.start(root, storeOptions));
    }

    /** Makes node 2 (see the class notes) and starts it. */
    void joinSecondNode() {
        copy(lab.vault, vault2);
        Path config = vault2.resolve("vault.json");
        ObjectNode json = (ObjectNode) ReplicationLab.read(read(config));
        json.put("listen", "127.0.0.1:" + port2);
        write(config, json.toPrettyString());
        startSecond();
    }

    void startSecond() {
        serve2 = LifeboatProcess.start(ReplicationLab.ENV, "vault", "serve", "--dir", vault2.toString());
        serve2.waitForStdout(l -> l.startsWith("vault: listening on"), ReplicationLab.T);
    }

    String address1() {
        return "127.0.0.1:" + lab.port();
    }

    String address2() {
        return "127.0.0.1:" + port2;
    }

    /** SIGKILL of node 1: no shutdown hook runs, its presence record and any lease stay behind. */
    void killFirst() {
        lab.killVault();
    }

    /**
     * Gives an enrolled agent both nodes' addresses as the vault's enrolment answer and {@code GET
     * /v1/nodes} will ({@code A/nodes.json}), and makes {@code preferred} the node it uses first.
     */
    void teach(Path agent, String preferred) {
        String other = preferred.equals(address1()) ? address2() : address1();
        String nodes = "{\"nodes\":[" + node("node-a", preferred) + "," + node("node-b", other) + "]}";
        write(agent.resolve("nodes.json"), nodes);
        Path config = agent.resolve("agent.json");
        ObjectNode json = (ObjectNode) ReplicationLab.read(read(config));
        json.put("vault", preferred); // as if it had enrolled through that node
        write(config, json.toPrettyString());
    }

    private static String node(String id, String address) {
        return "{\"id\":\"" + id + "\",\"address\":\"" + address + "\",\"hosts\":[\"127.0.0.1\"],\"seenAt\":\"2026-12-06T05:00:00Z\"}";
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p) && !p.getParent().getFileName().toString().equals("run")) {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (serve2 != null) {
            serve2.close();
        }
        lab.close();
    }
}
