package io.lifeboat.vault.store;

import java.time.Instant;

/** A machine certificate the vault issued: its SHA-256 (the identity), serial and validity. */
public record IssuedCertificate(String fingerprint, String serial, Instant notBefore, Instant notAfter) {
}
