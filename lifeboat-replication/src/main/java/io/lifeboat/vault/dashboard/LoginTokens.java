package io.lifeboat.vault.dashboard;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.store.JsonFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One-time dashboard logins in {@code V/ops/logins/}: {@code ID.json} holds the SHA-256 of the secret
 * and the expiry; redeeming renames it into {@code used/} first, so two redemptions cannot both win.
 */
public final class LoginTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    record Login(String secretSha256, Instant expires) {
    }

    private final Path dir;
    private final Clock clock;

    public LoginTokens(Path vaultDir, Clock clock) {
        this.dir = vaultDir.resolve("ops").resolve("logins");
        this.clock = clock;
    }

    /** Makes a login valid for {@code ttl}; answers {@code ID.SECRET}, the value of the URL's {@code t}. */
    public String create(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(1)) > 0) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--ttl must be between 1s and 24h");
        }
        String id = HexFormat.of().formatHex(random(12));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
        try {
            JsonFiles.write(dir.resolve(id + ".json"), new Login(sha256(secret), clock.instant().plus(ttl)), true);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot store the login: " + e.getMessage(), e);
        }
        return id + "." + secret;
    }

    /** Why a login was not accepted. */
    public enum Refusal { MALFORMED, UNKNOWN_OR_USED, WRONG_SECRET, EXPIRED }

    /** Redeems {@code t}; answers empty when it signs in, else why not. Blocks on files. */
    public java.util.Optional<Refusal> redeem(String t) {
        int dot = t == null ? -1 : t.indexOf('.');
        if (dot != 24 || !t.substring(0, dot).matches("[0-9a-f]{24}")) {
            return java.util.Optional.of(Refusal.MALFORMED);
        }
        String id = t.substring(0, dot);
        Path file = dir.resolve(id + ".json");
        Path used = dir.resolve("used").resolve(id + ".json");
        try {
            Files.createDirectories(used.getParent());
            try {
                Files.move(file, used, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(file, used);
            }
        } catch (NoSuchFileException e) {
            return java.util.Optional.of(Refusal.UNKNOWN_OR_USED);
        } catch (IOException e) {
            return java.util.Optional.of(Refusal.UNKNOWN_OR_USED);
        }
        Login login = JsonFiles.read(used, Login.class);
        if (!MessageDigest.isEqual(login.secretSha256().getBytes(StandardCharsets.US_ASCII),
                sha256(t.substring(dot + 1)).getBytes(StandardCharsets.US_ASCII))) {
            return java.util.Optional.of(Refusal.WRONG_SECRET);
        }
        if (!clock.instant().isBefore(login.expires())) {
            return java.util.Optional.of(Refusal.EXPIRED);
        }
        return java.util.Optional.empty();
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
