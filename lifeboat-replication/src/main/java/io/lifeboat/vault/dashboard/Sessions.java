package io.lifeboat.vault.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in browsers, in memory: the cookie value is 256 random bits; the map is keyed by its
 * SHA-256 (a heap dump does not hand out live cookies). A session ends at its fixed expiry or on
 * sign-out. Thread-safe.
 */
final class Sessions {
    record Session(Instant expires, String csrf) {
    }

    private final Map<String, Session> live = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration lifetime;

    Sessions(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    Duration lifetime() {
        return lifetime;
    }

    /** Starts a session; answers the cookie value. */
    String start() {
        Instant now = clock.instant();
        live.values().removeIf(s -> !now.isBefore(s.expires())); // sign-ins are rare: a sweep here keeps the map small
        String cookie = Base64.getUrlEncoder().withoutPadding().encodeToString(LoginTokens.random(32));
        String csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(LoginTokens.random(16));
        live.put(LoginTokens.sha256(cookie), new Session(clock.instant().plus(lifetime), csrf));
        return cookie;
    }

    Optional<Session> find(String cookie) {
        if (cookie == null || cookie.isEmpty()) {
            return Optional.empty();
        }
        String key = LoginTokens.sha256(cookie);
        Session s = live.get(key);
        if (s == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(s.expires())) {
            live.remove(key);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    void end(String cookie) {
        live.remove(LoginTokens.sha256(cookie));
    }
}
