package io.lifeboat.vault.ops;

import java.time.Instant;

/**
 * The TLS of a machine's last link to the vault, as seen on its last request.
 *
 * @param group the negotiated key-exchange group (e.g. "X25519MLKEM768"), or "unknown" where the
 *              engine does not tell (the JDK 17 engine never does)
 */
public record Link(String protocol, String cipherSuite, String group, String peer, Instant at) {
}
