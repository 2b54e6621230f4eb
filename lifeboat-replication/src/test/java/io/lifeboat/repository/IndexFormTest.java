package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Fixtures.Cut;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import io.lifeboat.restore.Failover;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.RestoreListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two forms of {@code index/<pack>} in a real repository: a vault whose indexes are all JSON (as
 * every vault before the binary form) opens, verifies and fails over unchanged, its JSON files never
 * rewritten; new packs get binary indexes beside them; a damaged binary index is rebuilt from its
 * pack, never a silently missing block; retention removes a dropped pack's index whatever its form.
 */
class IndexFormTest {
    static final int BS = 4096;

    @TempDir
    Path tmp;

    Path repoDir;
    LocalBackend local;
    byte[] db;
    byte[] web;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void protectTwoMachines() {
        repoDir = tmp.resolve("vault/repo");
        local = new LocalBackend(repoDir);
        db = Fixtures.image(31, 24, BS);
        web = Fixtures.image(32, 16, BS);
        try (Repository repo = open(RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "db-1", Fixtures.cutImage(db, BS, SourceKind.IMAGE));
            Fixtures.protect(repo, "web-1", Fixtures.cutImage(web, BS, SourceKind.IMAGE));
        }
    }

    Repository open(RepositoryOptions options) {
        return Repository.open(local, options.withClock(clock).withPruneGrace(Duration.ofHours(1)));
    }

    Repository openForFailover(String machine) {
        return Repository.open(new ReadOnlyBackend(local), RepositoryOptions.readOnlyDefaults().withOnlyMachines(List.of(machine)));
    }

    void failover(Repository repo, String machine, byte[] expected) throws IOException {
        Path target = tmp.resolve(machine + "-" + System.nanoTime() + ".img");
        new Failover(repo, RestoreListener.NONE).run(machine, "latest", target, FailoverOptions.DEFAULT);
        assertThat(Files.readAllBytes(target)).as("%s restored", machine).isEqualTo(expected);
    }

    byte[] indexBytes(String pack) throws IOException {
        return Files.readAllBytes(local.path(new Handle(FileType.INDEX, pack)));
    }

    @Test
    void newPacksGetBinaryIndexes() throws IOException {
        assertThat(local.list(FileType.INDEX)).isNotEmpty()
                .allSatisfy(p -> assertThat(OldIndexFiles.isBinary(repoDir, p)).as("index/%s", p).isTrue());
    }

    @Test
    void aVaultOfJsonIndexesOpensAndFailsOverAndKeepsThemAsTheyAre() throws IOException {
        int json = OldIndexFiles.rewriteAsJson(repoDir);
        assertThat(json).isPositive();
        List<String> old = local.list(FileType.INDEX);
        byte[][] before = new byte[old.size()][];
        for (int i = 0; i < old.size(); i++) {
            before[i] = indexBytes(old.get(i));
            assertThat(before[i][0]).isEqualTo((byte) '{');
        }
        try (Repository repo = openForFailover("db-1")) {
            failover(repo, "db-1", db);
        }
        byte[] mail = Fixtures.image(33, 10, BS);
        try (Repository repo = open(RepositoryOptions.defaults())) {
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
            failover(repo, "web-1", web);
            Fixtures.protect(repo, "mail-1", Fixtures.cutImage(mail, BS, SourceKind.IMAGE));
        }
        for (int i = 0; i < old.size(); i++) {
            assertThat(indexBytes(old.get(i))).as("index/%s is never rewritten", old.get(i)).isEqualTo(before[i]);
        }
        List<String> added = local.list(FileType.INDEX);
        added.removeAll(old);
        assertThat(added).isNotEmpty().allSatisfy(p -> assertThat(OldIndexFiles.isBinary(repoDir, p)).isTrue());
        try (Repository repo = openForFailover("mail-1")) { // both forms in one vault
            failover(repo, "mail-1", mail);
        }
        try (Repository repo = openForFailover("db-1")) {
            failover(repo, "db-1", db);
        }
    }

    @Test
    void aTruncatedOrFlippedBinaryIndexIsRebuiltFromItsPack() throws IOException {
        for (String pack : local.list(FileType.INDEX)) {
            byte[] good = indexBytes(pack);
            Path file = local.path(new Handle(FileType.INDEX, pack));
            byte[] flipped = good.clone();
            flipped[flipped.length / 2] ^= 0x04;
            for (byte[] bad : List.of(Arrays.copyOf(good, good.length - 30), flipped)) {
                Files.write(file, bad);
                // a failover reads the pack's own records instead, and leaves the file as it found it
                try (Repository repo = openForFailover("db-1")) {
                    failover(repo, "db-1", db);
                }
                try (Repository repo = openForFailover("web-1")) {
                    failover(repo, "web-1", web);
                }
                assertThat(indexBytes(pack)).isEqualTo(bad);
                // a writer rebuilds the file, in the binary form
                try (Repository repo = open(RepositoryOptions.defaults())) {
                    assertThat(repo.verify(Optional.empty()).ok()).isTrue();
                }
                assertThat(indexBytes(pack)).isEqualTo(good);
            }
        }
    }

    @Test
    void retentionDeletesTheIndexOfEveryPackItDropsInEitherForm() throws IOException {
        OldIndexFiles.rewriteAsJson(repoDir);
        List<String> jsonIndexes = local.list(FileType.INDEX);
        try (Repository repo = open(RepositoryOptions.defaults().withKeepNewest(1))) {
            for (int v = 0; v < 3; v++) {
                clock.advance(Duration.ofHours(2));
                Fixtures.protect(repo, "db-1", Fixtures.cutImage(Fixtures.image(40 + v, 24, BS), BS, SourceKind.IMAGE));
                Fixtures.protect(repo, "web-1", Fixtures.cutImage(Fixtures.image(50 + v, 16, BS), BS, SourceKind.IMAGE));
            }
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
        List<String> indexes = local.list(FileType.INDEX);
        assertThat(new HashSet<>(indexes)).as("one index per pack, none left behind").isEqualTo(new HashSet<>(local.list(FileType.DATA)));
        assertThat(indexes).as("the first points' packs were dropped with their JSON indexes").doesNotContainAnyElementsOf(jsonIndexes);
        assertThat(indexes).allSatisfy(p -> assertThat(OldIndexFiles.isBinary(repoDir, p)).isTrue());
    }

    @Test
    void aRepackOfAJsonIndexedPackWritesABinaryIndexAndDeletesTheJson() throws IOException {
        LocalBackend fresh = new LocalBackend(tmp.resolve("other/repo"));
        byte[] img = Fixtures.random(9, 40 * BS);
        try (Repository repo = Repository.open(fresh, RepositoryOptions.defaults().withKeepNewest(1).withClock(clock)
                .withPruneGrace(Duration.ofHours(1)))) {
            Fixtures.protect(repo, "m", Fixtures.cutImage(img, BS, SourceKind.IMAGE));
        }
        OldIndexFiles.rewriteAsJson(tmp.resolve("other/repo"));
        String oldPack = fresh.list(FileType.INDEX).get(0);
        byte[] img2 = img.clone(); // keeps 10 of the 40 blocks: the one pack is three quarters dead
        System.arraycopy(Fixtures.random(10, 30 * BS), 0, img2, 10 * BS, 30 * BS);
        try (Repository repo = Repository.open(fresh, RepositoryOptions.defaults().withKeepNewest(1).withClock(clock)
                .withPruneGrace(Duration.ofHours(1)))) {
            clock.advance(Duration.ofHours(2));
            Fixtures.protect(repo, "m", Fixtures.cutImage(img2, BS, SourceKind.IMAGE));
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
        assertThat(fresh.list(FileType.INDEX)).doesNotContain(oldPack).hasSize(fresh.list(FileType.DATA).size())
                .allSatisfy(p -> assertThat(OldIndexFiles.isBinary(tmp.resolve("other/repo"), p)).isTrue());
        try (Repository repo = Repository.open(new ReadOnlyBackend(fresh), RepositoryOptions.readOnlyDefaults())) {
            Path target = tmp.resolve("m.img");
            new Failover(repo, RestoreListener.NONE).run("m", "latest", target, FailoverOptions.DEFAULT);
            assertThat(Files.readAllBytes(target)).isEqualTo(img2);
        }
    }
}
