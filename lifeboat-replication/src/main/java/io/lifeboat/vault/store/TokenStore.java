package io.lifeboat.vault.store;

import java.io.IOException;
import java.time.Duration;

/**
 * One-time enrolment tokens. Only the SHA-256 of each secret is stored. Two implementations run one
 * contract: {@link LocalTokenStore} (files under {@code V/state/tokens/}, spent by an atomic rename) and
 * {@link StoreTokenStore} (records in the repository's store, spent by a create-only marker). Either
 * way a token enrols at most one machine, even when two requests (or two vault nodes) race.
 */
public interface TokenStore {

    /** A new open token; the returned secret exists nowhere else. */
    record Issued(TokenRecord record, String secret) {
    }

    Issued create(String machine, Duration ttl) throws IOException;

    /**
     * Checks a presented token without spending it, so a request that fails later (a malformed CSR)
     * leaves the token usable; {@link #spend} it once the request is known to be good.
     *
     * @throws TokenRefusedException with a message saying what was wrong and what to do
     */
    TokenRecord check(String id, String secret, String machine);

    /**
     * Marks a checked token used: of two racing requests only one spends it.
     *
     * @throws TokenRefusedException token_used when another request spent it first
     */
    void spend(TokenRecord r);

    /** Checks a presented token and, when it is good, spends it. */
    default TokenRecord redeem(String id, String secret, String machine) {
        TokenRecord r = check(id, secret, machine);
        spend(r);
        return r;
    }
}
