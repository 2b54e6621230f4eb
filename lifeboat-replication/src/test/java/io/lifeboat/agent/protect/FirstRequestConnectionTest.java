package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.agent.AgentConfig;
import io.lifeboat.agent.AgentLayout;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.vault.TestVault;
import io.lifeboat.vault.replication.ReplicationRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-shot pass asks the vault for its nodes in the background as it starts (which opens the
 * connection early); its first own requests, made while that ask is under way or after it, go on the
 * connection it opened: one TCP connection and one TLS handshake, not two side by side. Counted by a
 * TCP relay on loopback between the agent and a real vault, in every one of several runs (through
 * Vert.x's pool it was one connection in only 4 of 8).
 */
class FirstRequestConnectionTest {
    @TempDir
    Path tmp;

    @RepeatedTest(8)
    void theFirstRequestGoesOnTheConnectionTheNodesAskOpened() throws Exception {
        try (ReplicationRoutes replication = new ReplicationRoutes(ctx -> Repository.open(
                        new LocalBackend(ctx.layout().repo()), RepositoryOptions.defaults()));
                TestVault vault = new TestVault(tmp, TlsEngine.select("auto"), replication);
                CountingRelay relay = new CountingRelay(vault.port())) {
            AgentLayout agent = vault.enrolled("web-1");
            new AgentConfig("127.0.0.1:" + relay.port(), "web-1").write(agent);
            try (VaultClientTransport transport = VaultClientTransport.connecting(agent, () -> TlsEngine.select("auto"))) {
                HttpVaultApi api = new HttpVaultApi(transport, "web-1", RetryPolicy.defaults(), ProtectListener.NONE,
                        new StopSignal());
                transport.refreshNodesInBackground(); // as `agent protect --once` does, then at once its first request
                assertThat(api.points()).isEmpty();
                assertThat(api.points()).isEmpty();
            }
            assertThat(relay.accepted()).as("connections the vault saw from the agent").isEqualTo(1);
        }
    }

    /** Relays loopback TCP connections to {@code target}, counting them. */
    private static final class CountingRelay implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger accepted = new AtomicInteger();

        CountingRelay(int target) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket in = server.accept();
                        accepted.incrementAndGet();
                        Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                        pipe(in, out);
                        pipe(out, in);
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            }, "relay-accept");
            t.setDaemon(true);
            t.start();
        }

        private static void pipe(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                    i.transferTo(o);
                } catch (IOException e) {
                    // one side closed: the other follows
                } finally {
                    try {
                        to.close();
                        from.close();
                    } catch (IOException ignored) {
                        // closing
                    }
                }
            }, "relay-pipe");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
