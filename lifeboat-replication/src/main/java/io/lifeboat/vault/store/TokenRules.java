package io.lifeboat.vault.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** What every token store shares: how a token is made, and the checks of a presented one in the order users are told. */
final class TokenRules {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ID = Pattern.compile("[0-9a-f]{24}");

    private TokenRules() {
    }

    static TokenStore.Issued newToken(String machine, Duration ttl, Clock clock) {
        byte[] idBytes = new byte[12];
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(idBytes);
        RANDOM.nextBytes(secretBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        Instant now = clock.instant();
        return new TokenStore.Issued(new TokenRecord(id, machine, sha256(secret), now, now.plus(ttl)), secret);
    }

    /** @throws TokenRefusedException token_unknown for an id no store could have made */
    static void requireWellFormed(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw unknown();
        }
    }

    /** The checks after the token was found open: secret, expiry, machine. */
    static TokenRecord verify(TokenRecord r, String secret, String machine, Instant now) {
        if (!MessageDigest.isEqual(r.secretSha256().getBytes(StandardCharsets.US_ASCII),
                sha256(secret == null ? "" : secret).getBytes(StandardCharsets.US_ASCII))) {
            throw new TokenRefusedException("token_secret", "the enrolment token's secret is wrong");
        }
        if (!now.isBefore(r.expires())) {
            throw new TokenRefusedException("token_expired", "the enrolment token expired at " + r.expires()
                    + ": make a new one with `lifeboat vault enroll --machine " + r.machine() + "`");
        }
        if (!r.machine().equals(machine)) {
            throw new TokenRefusedException("token_wrong_machine", "the enrolment token was made for machine '"
                    + r.machine() + "', not '" + machine + "': make one for '" + machine + "'");
        }
        return r;
    }

    static TokenRefusedException unknown() {
        return new TokenRefusedException("token_unknown", "this vault never issued that enrolment token");
    }

    static TokenRefusedException reused() {
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
