package io.lifeboat.vault.api;

import java.time.Instant;

/**
 * Told by the vault about changes to its machines, after they are stored: the hook through which
 * fleet operations (event log, alerts, metrics) learn what happened without the vault knowing them.
 * Calls come from request threads and commands; an implementation must be quick (hand file work
 * to a thread of its own) and must not throw. No-op defaults.
 */
public interface VaultListener {
    VaultListener NONE = new VaultListener() { };

    /** A machine enrolled (or enrolled again) from {@code peer}; its certificate lasts until {@code notAfter}. */
    default void enrolled(String machine, String peer, Instant notAfter) {
    }

    /** A machine renewed its certificate over mutual TLS. */
    default void renewed(String machine, Instant notAfter) {
    }

    /** A machine was revoked by the operator. */
    default void revoked(String machine) {
    }
}
