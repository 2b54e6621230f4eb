package io.lifeboat.cli.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeboat.cli.testing.LifeboatProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two {@code vault serve} processes in front of one store, each a real child process that a test can
 * SIGKILL: node 1 is the {@link ReplicationLab}'s vault ({@code vault init --store ...}), node 2 is made
 * as an operator makes one, {@code vault join --dir V2 --store URL --key-file V/vault.key --listen ...},
 * and serves on another port. Both announce themselves in the store, so an agent enrolled after
 * {@link #joinSecondNode} learns both addresses from its enrolment answer.
 */
final class TwoVaultNodes implements AutoCloseable {
    final ReplicationLab lab;
    final Path vault2;
    private final List<String> storeOptions;
    private final int port2;
    private LifeboatProcess serve2;

    private TwoVaultNodes(ReplicationLab lab, List<String> storeOptions) {
        this.lab = lab;
        this.storeOptions = storeOptions;
        this.vault2 = lab.root.resolve("V2");
        this.port2 = ReplicationLab.freePort();
    }

    /** Node 1 on the store that {@code storeOptions} ({@code --store}, {@code --credentials-file}) name, serving. */
    static TwoVaultNodes start(Path root, List<String> storeOptions) {
        return new TwoVaultNodes(ReplicationLab.start(root, storeOptions), storeOptions);
    }

    /** {@code vault join} of node 2 with node 1's vault key, then serves it. */
    void joinSecondNode() {
        List<String> join = new ArrayList<>(List.of("vault", "join", "--dir", vault2.toString(),
                "--key-file", lab.vault.resolve("vault.key").toString(), "--listen", address2(), "--host", "127.0.0.1"));
        join.addAll(storeOptions);
        lab.ok(join.toArray(String[]::new));
        serve2 = LifeboatProcess.start(ReplicationLab.ENV, "vault", "serve", "--dir", vault2.toString());
        serve2.waitForStdout(l -> l.startsWith("vault: listening on"), ReplicationLab.T);
    }

    /** Enrols {@code machine} through node 2 (a token made by node 2 names node 2's address). */
    Path enrollThroughSecond(String machine) {
        String token = lab.ok("vault", "enroll", "--dir", vault2.toString(), "--machine", machine).stdoutLines().get(0);
        Path agent = lab.root.resolve("agent-" + machine);
        lab.ok("agent", "enroll", token, "--dir", agent.toString());
        return agent;
    }

    /** Points an enrolled agent at {@code address} first, as an operator editing {@code agent.json} would. */
    void useNode(Path agent, String address) {
        Path config = agent.resolve("agent.json");
        try {
            ObjectNode json = (ObjectNode) ReplicationLab.read(Files.readString(config));
            json.put("vault", address);
            Files.writeString(config, json.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String address1() {
        return "127.0.0.1:" + lab.port();
    }

    String address2() {
        return "127.0.0.1:" + port2;
    }

    /** SIGKILL of node 1: no shutdown hook runs, its presence record, announcement and any lease stay behind. */
    void killFirst() {
        lab.killVault();
    }

    @Override
    public void close() {
        if (serve2 != null) {
            serve2.close();
        }
        lab.close();
    }
}
