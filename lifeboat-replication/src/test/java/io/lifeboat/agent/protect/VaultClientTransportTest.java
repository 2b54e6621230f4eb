package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.agent.AgentConfig;
import io.lifeboat.agent.AgentLayout;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.engine.TlsEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultClientTransportTest {
    @TempDir
    Path tmp;

    @Test
    void aSetUpThatFailsInTheBackgroundFailsTheFirstRequestWithItsOwnMessage() throws IOException {
        AgentLayout layout = new AgentLayout(tmp);
        new AgentConfig("127.0.0.1:1", "web-1").write(layout);
        Files.writeString(layout.machineKey(), "garbage");
        try (VaultClientTransport t = VaultClientTransport.connecting(layout, () -> {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "no TLS engine here (injected)");
        })) {
            assertThat(t.machine()).as("known without the set-up").isEqualTo("web-1");
            assertThatThrownBy(() -> t.send(VaultTransport.Request.get("/v1/health")))
                    .isInstanceOf(LifeboatException.class).hasMessage("no TLS engine here (injected)");
        } // and closing it does not throw
    }

    @Test
    void anAgentFolderThatIsNotEnrolledIsRefusedAtOnce() {
        assertThatThrownBy(() -> VaultClientTransport.connecting(new AgentLayout(tmp), () -> TlsEngine.JDK))
                .isInstanceOf(LifeboatException.class).hasMessageContaining("not an enrolled agent folder");
    }
}
