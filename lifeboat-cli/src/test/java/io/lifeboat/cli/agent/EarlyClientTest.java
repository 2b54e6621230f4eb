package io.lifeboat.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.agent.VaultClient;
import io.lifeboat.tls.LifeboatException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which command lines start the vault client before picocli parses, and how the command takes it. */
class EarlyClientTest {
    @TempDir
    Path tmp;

    @AfterEach
    void nothingLeftStarted() {
        EarlyClient.discard();
    }

    private static EarlyClient wanted(String engineEnv, String... args) {
        return EarlyClient.wanted(args, engineEnv);
    }

    @Test
    void agentProtectNamingItsFolderStartsTheClientWithTheEngineItNames() {
        assertThat(wanted(null, "agent", "protect", "--dir", "A", "--once", "img")).isNotNull();
        assertThat(wanted(null, "agent", "protect", "--once", "--dir=A", "img")).isNotNull();
        assertThat(wanted(null, "agent", "protect", "--dir", "A", "--", "-h")).as("after --, a path").isNotNull();
        assertThat(wanted("jdk", "agent", "protect", "--dir", "A", "img")).as("the JDK's engine: Vert.x still").isNotNull();
    }

    @Test
    void otherCommandLinesStartNothing() {
        assertThat(wanted(null, "agent", "protect", "--config", "agent.conf", "--once")).as("the folder in a file").isNull();
        assertThat(wanted(null, "agent", "protect", "--dir", "A", "--help")).isNull();
        assertThat(wanted(null, "agent", "protect", "-h", "--dir", "A")).isNull();
        assertThat(wanted(null, "agent", "protect", "--dir", "A", "-V")).isNull();
        assertThat(wanted(null, "agent", "protect", "--version", "--dir", "A")).isNull();
        assertThat(wanted(null, "agent", "enroll", "TOKEN", "--dir", "A")).isNull();
        assertThat(wanted(null, "vault", "serve", "--dir", "V")).isNull();
        assertThat(wanted(null, "agent", "protect", "--dir")).as("no value").isNull();
        assertThat(wanted(null, "agent")).isNull();
        assertThat(wanted(null)).isNull();
        assertThat(EarlyClient.startIfWanted(new String[] {"scan", "example.org"})).isFalse();
        assertThat(EarlyClient.take(Path.of("A"), "auto")).as("none started").isNull();
    }

    @Test
    void theCommandTakesTheClientStartedForItsFolderAndEngineOnce() {
        Path a = tmp.resolve("A");
        String engine = System.getenv("LIFEBOAT_TLS_ENGINE") == null ? "auto" : System.getenv("LIFEBOAT_TLS_ENGINE");
        assertThat(EarlyClient.startIfWanted(new String[] {"agent", "protect", "--dir", a.toString(), "img"})).isTrue();
        CompletableFuture<VaultClient> taken = EarlyClient.take(a, engine);
        assertThat(taken).isNotNull();
        assertThat(EarlyClient.take(a, engine)).as("given once").isNull();
        // not an enrolled folder: the set-up's failure is kept for the first request, the same as the command's own
        assertThatThrownBy(taken::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(LifeboatException.class)
                .hasMessageContaining(a + " is not an enrolled agent folder");
    }

    @Test
    void aClientStartedForOtherOptionsIsNotTaken() {
        Path a = tmp.resolve("A");
        assertThat(EarlyClient.startIfWanted(new String[] {"agent", "protect", "--dir", a.toString(), "--engine", "jdk"}))
                .isTrue();
        assertThat(EarlyClient.take(a, "boringssl")).as("another engine (a config file's)").isNull();
        assertThat(EarlyClient.startIfWanted(new String[] {"agent", "protect", "--dir", a.toString(), "--engine", "jdk"}))
                .isTrue();
        assertThat(EarlyClient.take(tmp.resolve("B"), "jdk")).as("another folder").isNull();
        assertThat(EarlyClient.take(a, "jdk")).as("the one not taken is dropped").isNull();
    }
}
