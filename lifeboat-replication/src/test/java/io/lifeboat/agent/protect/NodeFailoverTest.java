package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.agent.AgentConfig;
import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.VaultNodes;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.vault.HostPort;
import io.lifeboat.vault.TestVault;
import io.lifeboat.vault.replication.ReplicationRoutes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent that knows several vault nodes moves to the next one when the one it uses does not answer,
 * under the same retry policy as with one vault, and learns the node list from the vault's {@code GET
 * /v1/nodes} (a vault on a local folder lists itself alone, so the node that is gone drops out).
 */
class NodeFailoverTest {
    @TempDir
    Path tmp;

    @Test
    void aRequestToANodeThatIsGoneIsRetriedOnTheNextNodeAndTheListIsKept() throws Exception {
        int dead = closedPort();
        try (ReplicationRoutes replication = localRepository();
                TestVault vault = new TestVault(tmp, TlsEngine.select("auto"), replication)) {
            AgentLayout agent = vault.enrolled("web-1");
            String live = "127.0.0.1:" + vault.port();
            // the node the agent enrolled with has gone; it knows the other one from its list
            pointAtAGoneNode(agent, dead, live);

            List<String> retries = new ArrayList<>();
            ProtectListener listener = new ProtectListener() {
                @Override
                public void retrying(String what, int attempt, Duration delay, Exception cause) {
                    retries.add(what + " #" + attempt);
                }
            };
            try (VaultClientTransport transport = VaultClientTransport.open(agent, TlsEngine.select("auto"))) {
                HttpVaultApi api = new HttpVaultApi(transport, "web-1",
                        new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(30)),
                        listener, new StopSignal());
                assertThat(api.points()).isEmpty(); // answered by the live node
                assertThat(retries).containsExactly("point list #1"); // one failed try, on the dead node
                // after the first answer the agent asked for the list and kept the vault's: the live node alone
                assertThat(VaultNodes.read(agent).addresses()).containsExactly(HostPort.parse(live));
                // the route tries the listed nodes, the one that answers first; the configured address stays a last resort
                assertThat(transport.refreshNodes()).containsExactly(HostPort.parse(live), HostPort.parse("127.0.0.1:" + dead));
                assertThat(api.points()).isEmpty();
                assertThat(retries).hasSize(1); // it stays on the node that answers
            }

            // a block upload (sent as views of the blocks' arrays) leaves a node that is gone the same way
            pointAtAGoneNode(agent, dead, live);
            List<java.nio.ByteBuffer> emptyBatch = List.of(java.nio.ByteBuffer.wrap(new byte[0]));
            try (VaultClientTransport transport = VaultClientTransport.open(agent, TlsEngine.select("auto"))) {
                assertThatThrownBy(() -> transport.post("/v1/machines/web-1/blocks", "application/octet-stream", emptyBatch))
                        .isInstanceOf(IOException.class);
                // the retry reaches the live node, which answers (an empty batch is refused: an answer all the same)
                assertThat(transport.post("/v1/machines/web-1/blocks", "application/octet-stream", emptyBatch).status())
                        .isBetween(200, 499);
            }
        }
    }

    @Test
    void aOneShotPassAsksForTheNodesAtItsStartAndItsFirstAnswerDoesNotAskAgain() throws Exception {
        try (ReplicationRoutes replication = localRepository();
                TestVault vault = new TestVault(tmp, TlsEngine.select("auto"), replication)) {
            AgentLayout agent = vault.enrolled("web-1");
            String live = "127.0.0.1:" + vault.port();
            try (VaultClientTransport transport = VaultClientTransport.open(agent, TlsEngine.select("auto"))) {
                // asked on a thread of its own, before any request of the pass: the list is kept
                assertThat(transport.refreshNodesInBackground().get(30, TimeUnit.SECONDS)).isTrue();
                assertThat(VaultNodes.read(agent).addresses()).containsExactly(HostPort.parse(live));
                // the pass's first answer does not ask again: the list taken away stays away
                Files.delete(agent.nodes());
                HttpVaultApi api = new HttpVaultApi(transport, "web-1", RetryPolicy.defaults(), new ProtectListener() {
                }, new StopSignal());
                assertThat(api.points()).isEmpty();
                assertThat(agent.nodes()).doesNotExist();
            }
        }
    }

    @Test
    void aNodeListAskedForAtTheStartFromANodeThatIsGoneIsAskedForAgainByTheFirstAnswer() throws Exception {
        int dead = closedPort();
        try (ReplicationRoutes replication = localRepository();
                TestVault vault = new TestVault(tmp, TlsEngine.select("auto"), replication)) {
            AgentLayout agent = vault.enrolled("web-1");
            String live = "127.0.0.1:" + vault.port();
            pointAtAGoneNode(agent, dead, live);
            try (VaultClientTransport transport = VaultClientTransport.open(agent, TlsEngine.select("auto"))) {
                assertThat(transport.refreshNodesInBackground().get(30, TimeUnit.SECONDS)).as("the node in use is gone").isFalse();
                assertThat(VaultNodes.read(agent).addresses()).hasSize(2); // unchanged
                HttpVaultApi api = new HttpVaultApi(transport, "web-1",
                        new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(30)),
                        new ProtectListener() {
                        }, new StopSignal());
                assertThat(api.points()).isEmpty(); // answered by the live node, after one failed try
                // that first answer asked for the list, as it does without the early ask
                assertThat(VaultNodes.read(agent).addresses()).containsExactly(HostPort.parse(live));
            }
        }
    }

    /** A vault's replication routes on a local folder. */
    private static ReplicationRoutes localRepository() {
        return new ReplicationRoutes(ctx -> Repository.open(new LocalBackend(ctx.layout().repo()), RepositoryOptions.defaults()));
    }

    /** The agent configured with the node on port {@code dead}, which is gone, and listing it before {@code live}. */
    private static void pointAtAGoneNode(AgentLayout agent, int dead, String live) throws IOException {
        new AgentConfig("127.0.0.1:" + dead, "web-1").write(agent);
        new VaultNodes(List.of(node("127.0.0.1:" + dead), node(live))).write(agent);
    }

    private static VaultNodes.Node node(String address) {
        return new VaultNodes.Node("node-" + address, address, List.of("vault.test"), "2026-12-06T05:00:00Z");
    }

    /** A loopback port with nothing listening on it (taken and let go). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
