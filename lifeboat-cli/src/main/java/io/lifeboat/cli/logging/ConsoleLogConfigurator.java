package io.lifeboat.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration for the CLI, found through {@code META-INF/services}: a console appender
 * on standard error, {@code io.netty} and {@code io.vertx} at WARN, and the root at the level named
 * by {@code LIFEBOAT_LOG_LEVEL} (system property, then environment; INFO when unset or not a level).
 */
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {
    /** Time, level, the logger's last name part ({@code [vault]}, {@code [agent]}) and the message. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%logger{0}] %msg%n";
    static final String LEVEL_SETTING = "LIFEBOAT_LOG_LEVEL";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel(setting()));
        root.addAppender(stderr);
        // Their INFO lines (event-loop and TLS set-up) are noise to a user; warnings still show.
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("io.vertx").setLevel(Level.WARN);
        // Vert.x's micrometer integration registers one HTTP server gauge twice; Micrometer warns
        // once per start that it kept the first. Nothing for an operator to do.
        context.getLogger("io.micrometer.core.instrument.MeterRegistry").setLevel(Level.ERROR);
        // The Azure SDK logs each failed call as an ERROR with the service's XML; the backend turns the same
        // failure into one line naming the store, so its own lines show only when debugging.
        context.getLogger("com.azure").setLevel(root.getLevel().isGreaterOrEqual(Level.INFO) ? Level.OFF : root.getLevel());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static String setting() {
        String value = System.getProperty(LEVEL_SETTING);
        return value != null ? value : System.getenv(LEVEL_SETTING);
    }

    /** The root level {@code value} names (any case), INFO when it is null or names none. */
    static Level rootLevel(String value) {
        return Level.toLevel(value, Level.INFO);
    }
}
