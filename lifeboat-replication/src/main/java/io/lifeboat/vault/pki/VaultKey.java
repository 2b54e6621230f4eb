package io.lifeboat.vault.pki;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.store.JsonFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The vault key ({@code V/vault.key}, 0600): 32 random bytes under which the CA private key is sealed in
 * the store ({@link SealedCaKey}). Every node of one store holds a copy; whoever has it and the store's
 * credentials can issue machine certificates, and without it the store's CA key is lost: back it up.
 * The file is one line, {@code lifeboat-vault-key-v1:<base64>}.
 */
public final class VaultKey {
    private static final String PREFIX = "lifeboat-vault-key-v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private VaultKey(byte[] key) {
        this.key = key;
    }

    public static VaultKey generate() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return new VaultKey(k);
    }

    SecretKey aesKey() {
        return new SecretKeySpec(key, "AES");
    }

    /** @throws LifeboatException USAGE naming the file when it is missing or is not a vault key */
    public static VaultKey read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "the vault key " + file
                    + " does not exist: give the vault.key of a node on this store (`vault init --store` wrote it)");
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot read the vault key " + file + ": " + e.getMessage(), e);
        }
        byte[] k = null;
        if (text.startsWith(PREFIX)) {
            try {
                k = Base64.getDecoder().decode(text.substring(PREFIX.length()));
            } catch (IllegalArgumentException e) {
                k = null;
            }
        }
        if (k == null || k.length != 32) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, file + " is not a Lifeboat vault key (expected one line "
                    + PREFIX + "<32 bytes in base64>)");
        }
        return new VaultKey(k);
    }

    /** Writes the key owner-only (0600, or an owner-only ACL on Windows), atomically. */
    public void write(Path file) throws IOException {
        JsonFiles.writeBytes(file, (PREFIX + Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII), true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaultKey k && java.security.MessageDigest.isEqual(key, k.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "VaultKey[redacted]";
    }
}
