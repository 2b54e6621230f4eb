package io.lifeboat.vault;

import io.lifeboat.agent.AgentEnrolment;
import io.lifeboat.agent.AgentLayout;
import io.lifeboat.tls.engine.HandshakeRefusal;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.vault.api.EnrolmentToken;
import io.lifeboat.vault.api.VaultRoutes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;

/** A real vault on a free loopback port in a temporary folder, with a clock the test moves. */
public final class TestVault implements AutoCloseable {
    public final MutableClock clock = new MutableClock();
    public final Vault vault;
    public final VaultServer server;
    public final Path root;
    public final List<HandshakeRefusal> refusals = new CopyOnWriteArrayList<>();

    public TestVault(Path root, TlsEngine engine, VaultRoutes... routes) {
        if (!engine.available()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(engine + " is not available under CI");
            }
            Assumptions.abort(engine + " is not available: " + engine.unavailableReason());
        }
        this.root = root;
        this.vault = Vault.init(new VaultLayout(root.resolve("V")), List.of("vault.test"),
                new HostPort("127.0.0.1", 0), clock);
        this.server = VaultServer.start(vault, engine, List.of(routes), refusals::add);
    }

    public int port() {
        return server.address().port();
    }

    public EnrolmentToken token(String machine) {
        return EnrolmentToken.parse(vault.enroll(machine, Duration.ofHours(1)));
    }

    /** Enrols {@code machine} through the real enrolment route; returns its agent folder. */
    public AgentLayout enrolled(String machine) {
        AgentLayout a = new AgentLayout(root.resolve("agent-" + machine));
        AgentEnrolment.enroll(token(machine), null, a, server.engine());
        return a;
    }

    @Override
    public void close() {
        server.close();
    }
}
