package io.lifeboat.vault.replication;

import io.lifeboat.replication.protocol.JsonCost;
import io.lifeboat.vault.api.MemoryBudget;

/**
 * Lets a commit body be parsed only once the heap its tree will take ({@link JsonCost#treeBytes}) is
 * held in the vault's budget for commits, so that many large commits at once, from one machine or
 * several, wait their turn instead of taking the heap: a quarter of the heap for all, half of that
 * for one machine (at least 64 MiB). A commit larger than one machine may hold is refused {@code 413
 * too_large} (an agent then sends its whole manifest in chunks, each small); one that waits longer
 * than a minute is refused {@code 503 busy}, which its agent sends again after its back-off (any 5xx).
 */
final class CommitAdmission {
    private static final long AT_LEAST = 64L << 20;
    private final MemoryBudget budget;
    private final long waitMillis;

    CommitAdmission(MemoryBudget budget, long waitMillis) {
        this.budget = budget;
        this.waitMillis = waitMillis;
    }

    static CommitAdmission ofHeap() {
        return new CommitAdmission(MemoryBudget.ofHeap(0.25, 0.5, AT_LEAST), 60_000);
    }

    /** Waits for {@code cost}'s tree in the budget; the caller releases the grant once the commit is done. */
    MemoryBudget.Grant enter(String machine, JsonCost cost) {
        long bytes = cost.treeBytes();
        if (bytes > budget.perKey()) {
            throw new ReplicationException(413, "too_large", "point commit refused: its JSON (" + cost.tokens()
                    + " tokens) would take " + mib(bytes) + " of the vault's memory, more than the " + mib(budget.perKey())
                    + " one machine's commits may hold at once; send the manifest in chunks");
        }
        try {
            MemoryBudget.Grant g = budget.acquireWithin("machine " + machine, bytes, waitMillis);
            if (g == null) {
                throw new ReplicationException(503, "busy", "point commit refused: the vault is parsing other large"
                        + " commits and " + mib(bytes) + " did not come free within " + waitMillis / 1000 + " s; try again");
            }
            return g;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException(503, "busy", "point commit refused: the vault is stopping");
        }
    }

    private static String mib(long bytes) {
        return (bytes + (1 << 20) - 1 >> 20) + " MiB";
    }
}
