package io.lifeboat.vault.store;

import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;

/**
 * Enrolment tokens of a vault on its own folder, under {@code state/tokens/}: {@code <id>.json} while
 * open, {@code used/<id>.json} once redeemed. Redeeming is an atomic rename, so a token enrols at most
 * one machine even when two requests race.
 */
public final class LocalTokenStore implements TokenStore {
    private final Path dir;
    private final Clock clock;

    public LocalTokenStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    @Override
    public Issued create(String machine, Duration ttl) throws IOException {
        Issued issued = TokenRules.newToken(machine, ttl, clock);
        JsonFiles.write(dir.resolve(issued.record().id() + ".json"), issued.record(), true);
        return issued;
    }

    @Override
    public TokenRecord check(String id, String secret, String machine) {
        TokenRules.requireWellFormed(id);
        Path open = dir.resolve(id + ".json");
        TokenRecord record;
        try {
            record = JsonFiles.read(open, TokenRecord.class);
        } catch (LifeboatException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                // Spending renames the open file to used/ atomically, so once the open file is gone a
                // spent token's used file is there: looking in that order gives a racing request
                // "used", never "unknown" (looking at used/ first could miss a rename in between).
                throw Files.exists(dir.resolve("used").resolve(id + ".json")) ? TokenRules.reused() : TokenRules.unknown();
            }
            throw e;
        }
        return TokenRules.verify(record, secret, machine, clock.instant());
    }

    @Override
    public void spend(TokenRecord r) {
        Path used = dir.resolve("used").resolve(r.id() + ".json");
        try {
            Files.createDirectories(used.getParent());
            Files.move(dir.resolve(r.id() + ".json"), used, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            throw TokenRules.reused();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
