package io.lifeboat.vault.metrics;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.store.JsonFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The bearer token for {@code /metrics}: {@link #rotate} makes a new one (256 random bits) and
 * stores only its SHA-256 in {@code V/ops/metrics-token} (0600); the previous token stops working at
 * once, also for a serving vault, which reads the hash on every scrape. No file means no token
 * is accepted.
 */
public final class MetricsToken {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path file;

    public MetricsToken(Path vaultDir) {
        this.file = vaultDir.resolve("ops").resolve("metrics-token");
    }

    /** Makes, stores and answers a new token. */
    public String rotate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "lbm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try {
            JsonFiles.writeBytes(file, (sha256(token) + "\n").getBytes(StandardCharsets.US_ASCII), true);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot store the metrics token: " + e.getMessage(), e);
        }
        return token;
    }

    /** True when {@code presented} is the current token (compared in constant time). */
    public boolean accepts(String presented) {
        if (presented == null || presented.isEmpty() || !Files.isRegularFile(file)) {
            return false;
        }
        try {
            byte[] want = Files.readString(file, StandardCharsets.US_ASCII).trim().getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(want, sha256(presented).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
