package io.lifeboat.agent.snapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The operator's own snapshot: a pre script run before the source is read and a post script run
 * after, each given the source as its argument and in {@code LIFEBOAT_SOURCE}.
 *
 * <p>The pre script either makes the source hold still (stops or freezes the application,
 * {@code fsfreeze}s the file system) and prints nothing, and then the source itself is read; or it
 * makes a snapshot of its own (ZFS, btrfs, a SAN) and prints the path to read as the last line of
 * its standard output. A pre script that fails (any exit status but 0) stops the pass before
 * anything is read, and the post script still runs, to undo whatever it did. The post script also
 * gets {@code LIFEBOAT_SNAPSHOT}, the path that was read; it runs once the point is committed or
 * the pass has failed, and a post script that fails is reported, not fatal (the read is done).
 *
 * <p>The point is labelled crash-consistent: the label is the operator's promise that the pre
 * script really holds the source still.
 */
public record ScriptSnapshot(Path pre, Path post, Commands commands) implements SnapshotProvider {
    @Override
    public String name() {
        return "script";
    }

    @Override
    public Snapshot take(Path source) {
        Commands.Result r = run(commands, pre, source, Map.of());
        if (!r.ok()) {
            String undo = runPost(source, source);
            throw new SnapshotException("cannot take a snapshot of " + source + ": the pre script " + pre
                    + " failed: " + r.reason() + (undo == null ? "" : "; " + undo));
        }
        String printed = Commands.Result.lastLine(r.stdout());
        Path read = printed.isEmpty() ? source : Path.of(printed);
        if (!Files.exists(read)) {
            String undo = runPost(source, read);
            throw new SnapshotException("cannot take a snapshot of " + source + ": the pre script " + pre
                    + " printed " + read + ", which does not exist" + (undo == null ? "" : "; " + undo));
        }
        return new Snapshot() {
            @Override
            public Path path() {
                return read;
            }

            @Override
            public Consistency consistency() {
                return Consistency.CRASH_CONSISTENT;
            }

            @Override
            public void release(Consumer<String> notices) {
                String failed = runPost(source, read);
                if (failed != null) {
                    notices.accept(failed + " after reading " + source + ": whatever the pre script did may still be in place");
                }
            }
        };
    }

    /** Runs the post script; null when it worked, else what went wrong. */
    private String runPost(Path source, Path read) {
        Commands.Result r = run(commands, post, source, Map.of("LIFEBOAT_SNAPSHOT", read.toString()));
        return r.ok() ? null : "the post script " + post + " failed: " + r.reason();
    }

    /**
     * Runs an operator's script the way every script of a pass is run (here and by {@link
     * AppConsistentSnapshot}): the source as its one argument and in {@code LIFEBOAT_SOURCE}, with
     * {@code env} added.
     */
    static Commands.Result run(Commands commands, Path script, Path source, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("LIFEBOAT_SOURCE", source.toString());
        return commands.run(List.of(script.toString(), source.toString()), Map.copyOf(all));
    }
}
