package io.lifeboat.agent.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Freeze and thaw around a snapshot, labels earned only when both succeed, and --app-consistent-every. */
class AppConsistentSnapshotTest {
    static final Path SOURCE = Path.of("/srv/db");
    static final Path FREEZE = Path.of("/etc/lifeboat/freeze.sh");
    static final Path THAW = Path.of("/etc/lifeboat/thaw.sh");

    /** A source that exists, for an inner ScriptSnapshot (which checks the path it is to read). */
    @org.junit.jupiter.api.io.TempDir
    Path existing;

    /** Records "script phase" per run; the scripts named in {@code failing} exit 1 with a reason. */
    static final class Recorder implements Commands {
        final List<String> ran = new ArrayList<>();
        Set<String> failing = Set.of();

        @Override
        public Result run(List<String> argv, java.util.Map<String, String> env) {
            String name = Path.of(argv.get(0)).getFileName().toString();
            ran.add(name + " " + env.getOrDefault("LIFEBOAT_PHASE", "-") + " " + argv.get(1) + " " + env.get("LIFEBOAT_SOURCE"));
            return failing.contains(name) ? new Result(1, "", name + ": database refused to freeze") : new Result(0, "", "");
        }
    }

    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-12-06T03:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void aLiveReadIsFrozenUntilReadDoneAndLabelledAppConsistent() {
        Recorder c = new Recorder();
        var p = new AppConsistentSnapshot(FREEZE, THAW, SnapshotProvider.NONE, Duration.ZERO, c, new Hands());
        Snapshot s = p.take(SOURCE);
        assertThat(c.ran).containsExactly("freeze.sh freeze /srv/db /srv/db");
        assertThat(s.path()).isEqualTo(SOURCE);
        List<String> notices = new ArrayList<>();
        s.readDone(notices::add);
        assertThat(c.ran).containsExactly("freeze.sh freeze /srv/db /srv/db", "thaw.sh thaw /srv/db /srv/db");
        assertThat(s.consistency()).isEqualTo(Consistency.APP_CONSISTENT);
        assertThat(notices).isEmpty();
        s.release(notices::add);
        assertThat(c.ran).hasSize(2);
    }

    @Test
    void aFailedFreezeIsThawedSaidAndNotLabelledAppConsistent() {
        Recorder c = new Recorder();
        c.failing = Set.of("freeze.sh");
        var p = new AppConsistentSnapshot(FREEZE, THAW, SnapshotProvider.NONE, Duration.ZERO, c, new Hands());
        Snapshot s = p.take(SOURCE);
        assertThat(c.ran).containsExactly("freeze.sh freeze /srv/db /srv/db", "thaw.sh thaw /srv/db /srv/db");
        assertThat(s.notes()).singleElement().asString().contains("the pre script " + FREEZE + " failed for /srv/db")
                .contains("database refused to freeze").contains("labelled live, not app-consistent");
        s.readDone(m -> { });
        assertThat(s.consistency()).isEqualTo(Consistency.LIVE);
        assertThat(c.ran).hasSize(2);
    }

    @Test
    void aFailedThawAroundASnapshotKeepsTheSnapshotsLabelAndSaysWhy() {
        Recorder c = new Recorder();
        c.failing = Set.of("thaw.sh");
        // the inner provider: a ScriptSnapshot whose own scripts succeed (crash-consistent)
        var inner = new ScriptSnapshot(Path.of("/etc/lifeboat/snap.sh"), Path.of("/etc/lifeboat/unsnap.sh"), c);
        var p = new AppConsistentSnapshot(FREEZE, THAW, inner, Duration.ZERO, c, new Hands());
        Snapshot s = p.take(existing);
        assertThat(c.ran).extracting(r -> r.split(" ")[0]).containsExactly("freeze.sh", "snap.sh", "thaw.sh");
        assertThat(s.consistency()).isEqualTo(Consistency.CRASH_CONSISTENT);
        assertThat(s.notes()).singleElement().asString().contains("the post script " + THAW + " failed")
                .contains("labelled crash-consistent, not app-consistent");
        s.release(m -> { });
        assertThat(c.ran).extracting(r -> r.split(" ")[0]).containsExactly("freeze.sh", "snap.sh", "thaw.sh", "unsnap.sh");
    }

    @Test
    void bothScriptsAroundASnapshotThawRightAwayAndEarnTheLabel() {
        Recorder c = new Recorder();
        var inner = new ScriptSnapshot(Path.of("/etc/lifeboat/snap.sh"), Path.of("/etc/lifeboat/unsnap.sh"), c);
        Snapshot s = new AppConsistentSnapshot(FREEZE, THAW, inner, Duration.ZERO, c, new Hands()).take(existing);
        assertThat(c.ran).extracting(r -> r.split(" ")[0]).containsExactly("freeze.sh", "snap.sh", "thaw.sh");
        assertThat(s.consistency()).isEqualTo(Consistency.APP_CONSISTENT);
        assertThat(s.notes()).isEmpty();
    }

    @Test
    void everyHourTheScriptsRunAndThePassesBetweenAreLabelledByTheInnerProvider() {
        Recorder c = new Recorder();
        Hands clock = new Hands();
        var p = new AppConsistentSnapshot(FREEZE, THAW, SnapshotProvider.NONE, Duration.ofHours(1), c, clock);
        Snapshot first = p.take(SOURCE);
        first.readDone(m -> { });
        assertThat(first.consistency()).isEqualTo(Consistency.APP_CONSISTENT);
        clock.now = clock.now.plus(Duration.ofMinutes(59));
        Snapshot between = p.take(SOURCE);
        assertThat(between.consistency()).isEqualTo(Consistency.LIVE);
        assertThat(c.ran).hasSize(2);
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        Snapshot next = p.take(SOURCE);
        next.readDone(m -> { });
        assertThat(next.consistency()).isEqualTo(Consistency.APP_CONSISTENT);
        assertThat(c.ran).hasSize(4);
    }

    @Test
    void aPassThatFailsBeforeTheReadIsDoneStillThaws() {
        Recorder c = new Recorder();
        Snapshot s = new AppConsistentSnapshot(FREEZE, THAW, SnapshotProvider.NONE, Duration.ZERO, c, new Hands()).take(SOURCE);
        List<String> notices = new ArrayList<>();
        s.release(notices::add);
        assertThat(c.ran).extracting(r -> r.split(" ")[0]).containsExactly("freeze.sh", "thaw.sh");
        assertThat(notices).isEmpty();
    }
}
