package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.RepositoryFiles.PointFile;
import io.lifeboat.repository.backend.FaultInjectingBackend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import io.lifeboat.restore.Failover;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.RestoreListener;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A point of more than {@link BlockFilter#PART_BLOCKS} block references gets its filter in parts, and
 * retention trusts them only together: a block named only in the last part stays owned while its point
 * is kept (it would go were that part skipped), and a point whose part is missing or damaged is read in
 * full. The big point is {@code PART_BLOCKS} references of one 64-byte block, then a few blocks of its
 * own ("the tail"), so that it takes a second of CPU and 64 MiB of image, not 4 GiB.
 */
class BlockFilterPartsTest {
    static final int BS = 64;
    static final Duration GRACE = Duration.ofMinutes(1);

    @TempDir
    Path tmp;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    final byte[] fill = Fixtures.random(31, BS);
    final byte[] tail = Fixtures.random(32, 4 * BS);
    final byte[] other = Fixtures.random(33, 4 * BS);

    RepositoryOptions options() {
        return RepositoryOptions.defaults().withKeepNewest(2).withClock(clock).withPruneGrace(GRACE)
                .withTableDir(tmp.resolve("tables"));
    }

    /** {@code fill} {@code PART_BLOCKS} times, then {@code tail}: a filter of two parts, the tail only in the second. */
    Cut big() {
        Map<BlockId, BlockUpload> uploads = new LinkedHashMap<>();
        BlockRef one = Fixtures.cut(fill, BS, uploads).get(0);
        List<BlockRef> refs = new ArrayList<>(Collections.nCopies(BlockFilter.PART_BLOCKS, one));
        refs.addAll(Fixtures.cut(tail, BS, uploads));
        Entry e = new Entry("", EntryType.FILE, 0640, 1_700_000_123_000_000_001L, (long) refs.size() * BS, null, refs);
        return new Cut(new Manifest(Manifest.FORMAT_VERSION, "/srv/disk.img", SourceKind.IMAGE, BS, List.of(e)), uploads);
    }

    String bigDigest() throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < BlockFilter.PART_BLOCKS; i++) {
            d.update(fill);
        }
        return HexFormat.of().formatHex(d.digest(tail));
    }

    PointInfo protect(Repository repo, Cut cut) {
        clock.advance(GRACE.multipliedBy(2)); // what the last point named is past the grace period
        return Fixtures.protect(repo, "db-1", cut);
    }

    Cut small(byte[]... parts) {
        return Fixtures.cutImage(BoundedSweepTest.concat(parts), BS, SourceKind.IMAGE);
    }

    Set<BlockId> tailIds() {
        return new HashSet<>(small(tail).uploads().keySet());
    }

    String failoverDigest(LocalBackend local, String point) throws Exception {
        Path target = tmp.resolve("db-1-" + System.nanoTime() + ".img");
        try (Repository repo = Repository.open(new ReadOnlyBackend(local),
                RepositoryOptions.readOnlyDefaults().withOnlyMachines(List.of("db-1")))) {
            new Failover(repo, RestoreListener.NONE).run("db-1", point, target, FailoverOptions.DEFAULT);
        }
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(target)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        Files.delete(target);
        return HexFormat.of().formatHex(d.digest());
    }

    /**
     * Points: the tail with `other`; the big point (the tail only in its filter's last part); `other`
     * with `fill`, which drops the first. The tail is then a candidate (outside the grace period, not in
     * the newest point) that only the big point's last part strikes.
     */
    @Test
    void aBlockOnlyInTheLastPartStaysOwnedWhileItsPointIsKept() throws Exception {
        LocalBackend local = new LocalBackend(tmp.resolve("repo"));
        PointInfo kept;
        try (Repository repo = Repository.open(local, options())) {
            PointInfo first = protect(repo, small(tail, other));
            kept = protect(repo, big());
            PointFile file = repo.manifests.pointFile("db-1", kept.id());
            assertThat(file.blockFilters()).as("the big point's filter parts").hasSize(2);
            assertThat(repo.manifests.blockFilter(kept).orElseThrow().count()).isEqualTo(BlockFilter.PART_BLOCKS + 4L);
            protect(repo, small(other, fill));
            assertThat(repo.points(Optional.of("db-1"))).as("the first point dropped").doesNotContain(first);
            assertThat(BlockFilterSweepTest.ownsAll(repo, tailIds())).as("the tail, named only in the last part").isTrue();
            protect(repo, small(other, fill)); // drops the big point: now the tail goes
            assertThat(BlockFilterSweepTest.ownsNone(repo, tailIds())).as("the tail, named by no kept point").isTrue();
        }
    }

    @Test
    void aPointWhoseLastPartIsMissingIsReadInFull() throws Exception {
        aPointWithoutAUsablePart(BlockFilterSweepTest.deletesFilterPart(1));
    }

    @Test
    void aPointWhoseLastPartWasReplacedByOneHoldingNothingIsReadInFull() throws Exception {
        aPointWithoutAUsablePart(BlockFilterSweepTest.emptiesFilterPart(1, false));
    }

    void aPointWithoutAUsablePart(BiConsumer<LocalBackend, PointFile> damage) throws Exception {
        LocalBackend local = new LocalBackend(tmp.resolve("repo"));
        PointInfo kept;
        try (Repository repo = Repository.open(local, options())) {
            protect(repo, small(tail, other));
            kept = protect(repo, big());
            damage.accept(local, repo.manifests.pointFile("db-1", kept.id()));
        }
        try (Repository repo = Repository.open(local, options())) {
            assertThat(repo.manifests.blockFilter(kept)).as("no usable filter").isEmpty();
            protect(repo, small(other, fill)); // drops the first: the kept big point is read in full
            assertThat(BlockFilterSweepTest.ownsAll(repo, tailIds())).as("the tail, named by the kept point").isTrue();
        }
        assertThat(failoverDigest(local, kept.id())).as("the big point fails over").isEqualTo(bigDigest());
    }

    /**
     * A crash at each change of the big point's commit (its uploads, chunks, each filter part, the point
     * file): what was committed fails over, no point names a part that is missing, and once later sweeps
     * ran, no file under {@code manifests/} is left that no point names.
     */
    @Test
    void aCrashBetweenPartsLosesNothingAndLeavesNoPartForEver() throws Exception {
        for (long crashAt = 0; ; crashAt++) {
            LocalBackend local = new LocalBackend(tmp.resolve("repo-" + crashAt));
            try (Repository repo = Repository.open(local, options())) {
                protect(repo, small(tail, other));
            }
            FaultInjectingBackend faulty = new FaultInjectingBackend(local);
            Repository repo = Repository.open(faulty, options());
            faulty.crashAt(crashAt, false);
            boolean crashed = false;
            try {
                protect(repo, big());
            } catch (RuntimeException expected) {
                assertThat(faulty.crashed()).as("crash at change %d: %s", crashAt, expected).isTrue();
                crashed = true;
            }
            repo.abandon();
            try (Repository again = Repository.open(local, options())) {
                for (PointInfo p : again.points(Optional.of("db-1"))) {
                    PointFile f = again.manifests.pointFile("db-1", p.id());
                    for (String part : f.blockFilters()) {
                        assertThat(local.size(new Handle(FileType.MANIFESTS, "db-1/" + part)).isPresent())
                                .as("crash at change %d: part %s of point %s", crashAt, part, p.id()).isTrue();
                    }
                }
            }
            if (local.list(FileType.POINTS).size() == 2) {
                assertThat(failoverDigest(local, "latest")).as("crash at change %d", crashAt).isEqualTo(bigDigest());
            }
            try (Repository again = Repository.open(local, options())) {
                protect(again, small(other));
                protect(again, small(fill)); // keep 2: drops whatever is older than the last two
                assertThat(new HashSet<>(local.list(FileType.MANIFESTS))).as("crash at change %d: only named files", crashAt)
                        .isEqualTo(BlockFilterSweepTest.namedManifestFiles(again, "db-1"));
            }
            if (!crashed) {
                return;
            }
        }
    }
}
