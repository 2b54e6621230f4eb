package io.lifeboat.vault.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One-time enrolment tokens under {@code state/tokens/}: {@code <id>.json} while open,
 * {@code used/<id>.json} once redeemed. Redeeming is an atomic rename, so a token enrols at most
 * one machine even when two requests race. Only the SHA-256 of each secret is stored.
 */
public final class TokenStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ID = Pattern.compile("[0-9a-f]{24}");

    private final Path dir;
    private final Clock clock;

    public TokenStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** A new open token; the returned secret exists nowhere else. */
    public record Issued(TokenRecord record, String secret) {
    }

    public Issued create(String machine, Duration ttl) throws IOException {
        byte[] idBytes = new byte[12];
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(idBytes);
        RANDOM.nextBytes(secretBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        Instant now = clock.instant();
        TokenRecord r = new TokenRecord(id, machine, sha256(secret), now, now.plus(ttl));
        JsonFiles.write(dir.resolve(id + ".json"), r, true);
        return new Issued(r, secret);
    }

    /**
     * Checks a presented token and, when it is good, marks it used (atomically).
     *
     * @throws TokenRefusedException with a message saying what was wrong and what to do
     */
    public TokenRecord redeem(String id, String secret, String machine) {
        TokenRecord r = check(id, secret, machine);
        spend(r);
        return r;
    }

    /**
     * Checks a presented token without spending it, so a request that fails later (a malformed CSR)
     * leaves the token usable; {@link #spend} it once the request is known to be good.
     *
     * @throws TokenRefusedException with a message saying what was wrong and what to do
     */
    public TokenRecord check(String id, String secret, String machine) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new TokenRefusedException("token_unknown", "this vault never issued that enrolment token");
        }
        Path open = dir.resolve(id + ".json");
        if (Files.exists(dir.resolve("used").resolve(id + ".json"))) {
            throw reused();
        }
        if (!Files.exists(open)) {
            throw new TokenRefusedException("token_unknown", "this vault never issued that enrolment token");
        }
        TokenRecord r = JsonFiles.read(open, TokenRecord.class);
        if (!MessageDigest.isEqual(r.secretSha256().getBytes(StandardCharsets.US_ASCII),
                sha256(secret == null ? "" : secret).getBytes(StandardCharsets.US_ASCII))) {
            throw new TokenRefusedException("token_secret", "the enrolment token's secret is wrong");
        }
        if (!clock.instant().isBefore(r.expires())) {
            throw new TokenRefusedException("token_expired", "the enrolment token expired at " + r.expires()
                    + ": make a new one with `lifeboat vault enroll --machine " + r.machine() + "`");
        }
        if (!r.machine().equals(machine)) {
            throw new TokenRefusedException("token_wrong_machine", "the enrolment token was made for machine '"
                    + r.machine() + "', not '" + machine + "': make one for '" + machine + "'");
        }
        return r;
    }

    /**
     * Marks a checked token used, by an atomic rename: of two racing requests only one spends it.
     *
     * @throws TokenRefusedException token_used when another request spent it first
     */
    public void spend(TokenRecord r) {
        Path used = dir.resolve("used").resolve(r.id() + ".json");
        try {
            Files.createDirectories(used.getParent());
            Files.move(dir.resolve(r.id() + ".json"), used, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            throw reused();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TokenRefusedException reused() {
        return new TokenRefusedException("token_used",
                "the enrolment token was already used: tokens are one-time, make a new one with `lifeboat vault enroll`");
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
