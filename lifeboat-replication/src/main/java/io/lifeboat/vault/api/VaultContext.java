package io.lifeboat.vault.api;

import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.vault.VaultLayout;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * What a route set gets when it is registered: the Vert.x instance the server runs on, the vault
 * folder ({@link VaultLayout#repo()} is the repository's), the TLS engine and the clock.
 */
public record VaultContext(Vertx vertx, VaultLayout layout, TlsEngine engine, Clock clock) {
}
