package io.lifeboat.agent.protect;

import java.time.Duration;
import java.nio.file.Path;

/**
 * What a protect pass reports as it goes; every method has a no-op default. Called from the pass's
 * reader and uploader threads, so implementations must be thread-safe and quick.
 */
public interface ProtectListener {
    ProtectListener NONE = new ProtectListener() {
    };

    /** A pass over {@code source} begins; {@code estimatedBytes} is -1 when unknown. */
    default void started(Path source, long estimatedBytes) {
    }

    /** {@code bytes} more of the source were read and hashed. */
    default void read(long bytes) {
    }

    /** A batch reached the vault: {@code blocks} blocks in {@code wireBytes} request bytes. */
    default void uploaded(int blocks, long wireBytes) {
    }

    /** A request failed and will be tried again after {@code delay}. */
    default void retrying(String request, int attempt, Duration delay, Exception cause) {
    }

    /** The point was committed. */
    default void committed(ProtectResult result) {
    }

    /** Something the operator should know that does not stop the pass (e.g. a record ignored). */
    default void notice(String message) {
    }

    /** A source entry was skipped (e.g. a socket inside a tree), with the reason. */
    default void skipped(Path path, String reason) {
    }
}
