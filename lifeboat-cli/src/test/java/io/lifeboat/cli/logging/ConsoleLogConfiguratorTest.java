package io.lifeboat.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ConsoleLogConfiguratorTest {
    @Test
    void logbackFindsItThroughTheServiceFile() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(ConsoleLogConfigurator.class);
    }

    @Test
    void oneLinePerEventOnStandardErrorAndNettyAndVertxOnlyFromWarn() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what SLF4J's provider does for the real one
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8)); // the appender binds it at start
            ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
            configurator.setContext(context);
            assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

            context.getLogger("io.lifeboat.vault.vault").warn("[tls-refused] refused a client");
            context.getLogger("io.netty.handler.ssl.SslHandler").info("handshake noise");
            context.getLogger("io.vertx.core.impl.VertxImpl").warn("a vertx warning");
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"))
                    .isInstanceOfSatisfying(ConsoleAppender.class, a -> assertThat(a.getTarget()).isEqualTo("System.err"));
        } finally {
            System.setErr(saved);
            context.stop();
        }
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).satisfiesExactly(
                l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[vault\\] \\[tls-refused\\] refused a client"),
                l -> assertThat(l).endsWith("WARN  [VertxImpl] a vertx warning"));
    }

    @Test
    void rootLevelIsTheNamedOneOrInfo() {
        assertThat(ConsoleLogConfigurator.rootLevel("debug")).isEqualTo(Level.DEBUG);
        assertThat(ConsoleLogConfigurator.rootLevel("WARN")).isEqualTo(Level.WARN);
        assertThat(ConsoleLogConfigurator.rootLevel(null)).isEqualTo(Level.INFO);
        assertThat(ConsoleLogConfigurator.rootLevel("loud")).isEqualTo(Level.INFO);
    }
}
