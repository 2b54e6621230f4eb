package io.lifeboat.vault.events;

import java.time.Instant;
import java.util.List;

/**
 * Where the vault's events are kept: the vault folder's log ({@link EventLog}), or, for a vault on a
 * store, the store ({@link StoreEventLog}), where every node's events meet. Both are bounded, and both
 * are a record for operators, never state: losing an event loses history only.
 */
public interface EventJournal {

    /** Appends one event. */
    void append(VaultEvent event);

    /** Events at or after {@code since}, oldest first (damaged entries are skipped). */
    List<VaultEvent> since(Instant since);
}
