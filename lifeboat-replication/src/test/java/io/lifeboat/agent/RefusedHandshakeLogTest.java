package io.lifeboat.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.tls.pki.CertificateBuilder;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.tls.pki.Pem;
import io.lifeboat.vault.TestVault;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * An agent whose certificate the vault refuses reports it once, in its own words (IDENTITY_REJECTED,
 * exit 11): its Vert.x client does not also log the alert at ERROR as an exception nothing handled
 * ({@code ERROR [ConnectionBase] ... TLSV1_ALERT_INTERNAL_ERROR}, noise beside the agent's message).
 * In TLS 1.3 the alert comes on a connection whose handshake was done on the agent's side.
 */
class RefusedHandshakeLogTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aRefusedHandshakeLeavesNoErrorFromTheHttpClient(TlsEngine engine) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        Logger ours = (Logger) LoggerFactory.getLogger(RefusedConnectionLog.class);
        Level was = ours.getLevel();
        ours.setLevel(Level.DEBUG);
        try (TestVault v = new TestVault(tmp, engine)) {
            HeldCertificate otherCa = new CertificateBuilder().commonName("Lifeboat vault CA").organization("Lifeboat")
                    .certificateAuthority(0).build();
            AgentLayout fake = new AgentLayout(tmp.resolve("fake"));
            new CertificateBuilder().commonName("web01").clientAuth().signedBy(otherCa).build()
                    .writeTo(fake.dir(), "machine");
            Pem.writeCertificates(fake.caCertificate(), v.vault.authority().ca().certificate());
            new AgentConfig("127.0.0.1:" + v.port(), "web01").write(fake);
            for (int i = 0; i < 3; i++) {
                try (VaultClient c = VaultClient.open(fake, engine)) {
                    assertThatThrownBy(() -> c.get("/health")).isInstanceOf(LifeboatException.class)
                            .satisfies(e -> assertThat(((LifeboatException) e).kind())
                                    .isEqualTo(LifeboatException.Kind.IDENTITY_REJECTED));
                }
            }
        } finally {
            root.detachAppender(log);
            ours.setLevel(was);
        }
        List<String> fromLibraries = log.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .filter(e -> e.getLoggerName().startsWith("io.vertx") || e.getLoggerName().startsWith("io.netty"))
                .map(e -> e.getLevel() + " [" + e.getLoggerName() + "] " + e.getFormattedMessage())
                .toList();
        assertThat(fromLibraries).isEmpty();
        assertThat(log.list).as("the agent's own line for the refused connection")
                .anyMatch(e -> e.getLoggerName().equals(RefusedConnectionLog.class.getName())
                        && e.getLevel() == Level.DEBUG && e.getFormattedMessage().contains("failed"));
    }
}
