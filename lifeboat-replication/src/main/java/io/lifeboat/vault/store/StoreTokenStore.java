package io.lifeboat.vault.store;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.Handle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Enrolment tokens of a vault whose state is in the repository's store: {@code state/tokens/<id>.json}
 * (created create-only, never changed) and, once spent, the marker {@code state/tokens-used/<id>}
 * created create-only. Of two nodes spending one token at once exactly one creates the marker; the
 * other is told {@code token_used}.
 */
public final class StoreTokenStore implements TokenStore {
    private final StoreRecords records;
    private final Clock clock;

    public StoreTokenStore(Backend backend, Clock clock) {
        this.records = new StoreRecords(backend);
        this.clock = clock;
    }

    private static Handle open(String id) {
        return StoreRecords.handle("tokens", id + ".json");
    }

    private static Handle used(String id) {
        return StoreRecords.handle("tokens-used", id);
    }

    @Override
    public Issued create(String machine, Duration ttl) throws IOException {
        Issued issued = TokenRules.newToken(machine, ttl, clock);
        if (!records.create(open(issued.record().id()), issued.record())) {
            throw new IOException("token id " + issued.record().id() + " exists in " + records.backend().location());
        }
        return issued;
    }

    @Override
    public TokenRecord check(String id, String secret, String machine) {
        TokenRules.requireWellFormed(id);
        try {
            if (records.backend().size(used(id)).isPresent()) {
                throw TokenRules.reused();
            }
            TokenRecord r = records.read(open(id), TokenRecord.class).orElseThrow(TokenRules::unknown);
            return TokenRules.verify(r, secret, machine, clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read enrolment token " + id + " in " + records.backend().location(), e);
        }
    }

    @Override
    public void spend(TokenRecord r) {
        try {
            if (!records.backend().create(used(r.id()), clock.instant().toString().getBytes(StandardCharsets.US_ASCII))) {
                throw TokenRules.reused();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spend enrolment token " + r.id() + " in " + records.backend().location(), e);
        }
    }
}
