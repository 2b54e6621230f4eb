package io.lifeboat.agent.snapshot;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Application-consistent points: the operator's freeze script ({@code --pre-script}) runs before
 * the snapshot of the source is taken and the thaw script ({@code --post-script}) right after, so
 * the application is held still only for the instant of the snapshot. Without a snapshot provider
 * the source is read live while the application stays frozen, and it is thawed once the read is
 * done ({@link Snapshot#readDone}), before the point is committed. Scripts run as {@link
 * ScriptSnapshot} runs its own ({@code LIFEBOAT_SOURCE}, the source as argument; here also {@code
 * LIFEBOAT_PHASE=freeze|thaw}).
 *
 * <p>A point is labelled {@code app-consistent} only when both scripts ran and succeeded. A freeze
 * that fails does not stop the pass: the thaw still runs (to undo a half freeze), the point is
 * taken as the inner provider takes it and labelled so, and the pass says why ({@link
 * Snapshot#notes}). A thaw that fails is said the same way. With {@code every}, the scripts run
 * only when a source's last app-consistent point is at least that old; the passes between are
 * labelled by the inner provider, as usual.
 */
public final class AppConsistentSnapshot implements SnapshotProvider {
    private final Path freeze;
    private final Path thaw;
    private final SnapshotProvider inner;
    private final Duration every;
    private final Commands commands;
    private final Clock clock;
    private final Map<Path, Instant> lastAppConsistent = new ConcurrentHashMap<>();

    /** @param every how often a source's point is app-consistent; {@link Duration#ZERO} for every pass */
    public AppConsistentSnapshot(Path freeze, Path thaw, SnapshotProvider inner, Duration every, Commands commands,
            Clock clock) {
        if (every.isNegative()) {
            throw new IllegalArgumentException("every must not be negative: " + every);
        }
        this.freeze = freeze;
        this.thaw = thaw;
        this.inner = inner;
        this.every = every;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public String name() {
        return inner.name() + "+app";
    }

    @Override
    public Snapshot take(Path source) {
        Instant last = lastAppConsistent.get(source);
        if (last != null && clock.instant().isBefore(last.plus(every))) {
            return inner.take(source);
        }
        Commands.Result frozen = ScriptSnapshot.run(commands, freeze, source, Map.of("LIFEBOAT_PHASE", "freeze"));
        if (!frozen.ok()) {
            String undo = runThaw(source);
            Snapshot s = inner.take(source);
            return new Taken(source, s, s.consistency(), List.of("the pre script " + freeze + " failed for " + source
                    + ": " + frozen.reason() + (undo == null ? "" : "; " + undo) + "; this point is labelled "
                    + s.consistency().label() + ", not app-consistent"), false);
        }
        Snapshot s;
        try {
            s = inner.take(source);
        } catch (RuntimeException e) {
            runThaw(source);
            throw e;
        }
        if (s.consistency() == Consistency.LIVE) {
            return new Taken(source, s, s.consistency(), List.of(), true); // thawed at readDone
        }
        return thawed(source, s, runThaw(source));
    }

    private Taken thawed(Path source, Snapshot s, String thawFailed) {
        if (thawFailed != null) {
            return new Taken(source, s, s.consistency(), List.of(thawFailed + " for " + source + "; this point is labelled "
                    + s.consistency().label() + ", not app-consistent"), false);
        }
        lastAppConsistent.put(source, clock.instant());
        return new Taken(source, s, Consistency.APP_CONSISTENT, List.of(), false);
    }

    /** Runs the thaw script; null when it worked, else what went wrong. */
    private String runThaw(Path source) {
        Commands.Result r = ScriptSnapshot.run(commands, thaw, source, Map.of("LIFEBOAT_PHASE", "thaw"));
        return r.ok() ? null : "the post script " + thaw + " failed: " + r.reason();
    }

    /** The inner snapshot with the label earned; {@code frozen} while a live read holds the application frozen. */
    private final class Taken implements Snapshot {
        private final Path source;
        private final Snapshot inner;
        private volatile Consistency consistency;
        private volatile List<String> notes;
        private volatile boolean frozen;
        /** A live read was thawed after: a second read of the same pass (a retry) is not under the freeze. */
        private volatile boolean thawedAfterRead;

        Taken(Path source, Snapshot inner, Consistency consistency, List<String> notes, boolean frozen) {
            this.source = source;
            this.inner = inner;
            this.consistency = consistency;
            this.notes = notes;
            this.frozen = frozen;
        }

        @Override
        public Path path() {
            return inner.path();
        }

        @Override
        public Consistency consistency() {
            return consistency;
        }

        @Override
        public List<String> notes() {
            return notes;
        }

        @Override
        public void readDone(Consumer<String> notices) {
            inner.readDone(notices);
            if (thawedAfterRead && consistency == Consistency.APP_CONSISTENT) {
                consistency = inner.consistency();
                notices.accept(source + " was read again after the application was thawed; this point is labelled "
                        + consistency.label() + ", not app-consistent");
            }
            if (frozen) {
                frozen = false;
                thawedAfterRead = true;
                Taken done = thawed(source, inner, runThaw(source));
                consistency = done.consistency;
                notes = done.notes;
                done.notes.forEach(notices);
            }
        }

        @Override
        public void release(Consumer<String> notices) {
            if (frozen) { // the pass failed before the read was done: the application must not stay frozen
                frozen = false;
                String failed = runThaw(source);
                if (failed != null) {
                    notices.accept(failed + " after a failed pass over " + source + ": the application may still be frozen");
                }
            }
            inner.release(notices);
        }
    }
}
