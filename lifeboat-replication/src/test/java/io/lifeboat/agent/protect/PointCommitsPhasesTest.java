package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.replication.protocol.PointDelta;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.ManifestDigest;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.SourceKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The commit phase's split in a tree pass's debug line ({@link PointCommits#phases}): the time the
 * delta waited for a digest that ended late, and the time of a slow vault's answer, each counted
 * where it belongs (lower bounds set by sleeps, not speeds).
 */
class PointCommitsPhasesTest {
    private static final int BS = 4096;
    private static final String POINT = "20261207T070000Z-0123abcd";
    private static final Pattern PHASES = Pattern.compile("delta (\\d+) \\(digest waited for (\\d+)\\), requests (\\d+)");

    @Test
    void aLateDigestCountsInTheDeltaAndASlowAnswerInTheRequests() {
        Manifest last = tree(20);
        Manifest now = tree(21); // one folder more: a delta of one entry against 22
        PreviousPoint previous = new PreviousPoint(LastPoint.of(last, POINT, 0, Map.of(), 0),
                KnownBlocks.owning(BS, POINT, new HashMap<>()), false);
        CompletableFuture<String> digest = CompletableFuture.supplyAsync(() -> {
            sleep(300);
            return ManifestDigest.of(now);
        });
        SlowVault vault = new SlowVault();

        PointCommits commits = new PointCommits(vault);
        commits.commit(previous, new PointCommit(0, "live", now), digest);

        assertThat(vault.deltas).as("sent as a delta").isEqualTo(1);
        Matcher m = PHASES.matcher(commits.phases());
        assertThat(m.matches()).as(commits.phases()).isTrue();
        long delta = Long.parseLong(m.group(1));
        long waited = Long.parseLong(m.group(2));
        long requests = Long.parseLong(m.group(3));
        assertThat(waited).as("the digest's wait").isGreaterThanOrEqualTo(150);
        assertThat(delta).as("the delta, its wait in it").isGreaterThanOrEqualTo(waited);
        assertThat(requests).as("the vault's answer").isGreaterThanOrEqualTo(200);
    }

    private static Manifest tree(int folders) {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("", EntryType.DIRECTORY, 0755, 1, 0, null, List.of()));
        for (int i = 0; i < folders; i++) {
            entries.add(new Entry(String.format("d%02d", i), EntryType.DIRECTORY, 0755, 2, 0, null, List.of()));
        }
        return new Manifest(Manifest.FORMAT_VERSION, "/srv/tree", SourceKind.DIRECTORY, BS, entries);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers a delta commit after 250 ms. */
    private static final class SlowVault extends StubVaultApi {
        int deltas;

        @Override
        public Optional<PointInfo> commitDelta(PointDelta delta) {
            deltas++;
            sleep(250);
            return Optional.of(new PointInfo("20261207T070001Z-4567cdef", "m", Instant.EPOCH, "/srv/tree",
                    SourceKind.DIRECTORY, 0, 0, null, null, "live"));
        }
    }
}
