package io.lifeboat.repository;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up of the tests of vault nodes that share one store: an in-memory shared store and its clock,
 * and each node opened on it with a table folder of its own. By default a node keeps each machine's
 * last point, with a grace period of an hour and a margin of half; a test that needs another policy
 * overrides {@link #node}.
 */
abstract class SharedNodes {
    @TempDir
    Path tables;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final SharedMemoryBackend store = SharedMemoryBackend.create(clock);

    /** A node named {@code name} on the store, keeping {@link #keepLast} points of each machine. */
    Repository node(String name) {
        return Repository.open(store.node(), RepositoryOptions.defaults().withClock(clock).withTableDir(tables.resolve(name))
                .withPolicy(new StoragePolicy(RetentionPolicy.keepLast(keepLast()), Map.of(), Duration.ZERO, 0))
                .withPruneGrace(Duration.ofHours(1)).withPruneMargin(Duration.ofMinutes(30)));
    }

    /** How many points of each machine a node keeps. */
    int keepLast() {
        return 1;
    }
}
