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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two forms of {@code machines/<machine>/<id>} in a real repository: a vault whose ownership
 * records are all JSON (every vault before the binary form) opens and fails over, its JSON records
 * kept as they are until retention compacts the machine's records, which writes them binary; new
 * records are binary. A damaged record of either form is skipped at open and left on disk, and the
 * blocks it named stay stored while a point names them.
 */
class OwnershipFormTest {
    static final int BS = 4096;

    @TempDir
    Path tmp;

    Path repoDir;
    LocalBackend local;
    byte[] db;
    byte[] web;
    Cut webCut;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void protectTwoMachines() {
        repoDir = tmp.resolve("vault/repo");
        local = new LocalBackend(repoDir);
        db = Fixtures.image(31, 24, BS);
        web = Fixtures.image(32, 16, BS);
        webCut = Fixtures.cutImage(web, BS, SourceKind.IMAGE);
        try (Repository repo = open()) {
            Fixtures.protect(repo, "db-1", Fixtures.cutImage(db, BS, SourceKind.IMAGE));
            Fixtures.protect(repo, "web-1", webCut);
        }
    }

    Repository open() {
        return Repository.open(local, RepositoryOptions.defaults().withKeepNewest(1).withClock(clock)
                .withPruneGrace(Duration.ofHours(1)));
    }

    void failover(String machine, byte[] expected) throws IOException {
        Path target = tmp.resolve(machine + "-" + System.nanoTime() + ".img");
        try (Repository repo = Repository.open(new ReadOnlyBackend(local),
                RepositoryOptions.readOnlyDefaults().withOnlyMachines(List.of(machine)))) {
            new Failover(repo, RestoreListener.NONE).run(machine, "latest", target, FailoverOptions.DEFAULT);
        }
        assertThat(Files.readAllBytes(target)).as("%s restored", machine).isEqualTo(expected);
    }

    Map<String, byte[]> records(String machine) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        for (String name : RepositoryFiles.names(local.list(FileType.MACHINES), machine)) {
            out.put(name, Files.readAllBytes(local.path(new Handle(FileType.MACHINES, name))));
        }
        return out;
    }

    @Test
    void newRecordsAreBinary() throws IOException {
        assertThat(local.list(FileType.MACHINES)).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(f -> assertThat(OldOwnershipFiles.isBinary(repoDir, f)).as("machines/%s", f).isTrue());
    }

    @Test
    void aVaultOfJsonRecordsOpensAndFailsOverAndKeepsThemUntilACompaction() throws Exception {
        assertThat(OldOwnershipFiles.rewriteAsJson(repoDir)).isPositive();
        Map<String, byte[]> dbJson = records("db-1");
        Map<String, byte[]> webJson = records("web-1");
        assertThat(webJson.values()).allSatisfy(b -> assertThat(b[0]).isEqualTo((byte) '{'));
        failover("db-1", db);
        byte[] db2 = Fixtures.image(41, 24, BS);
        try (Repository repo = open()) {
            assertThat(repo.missing("web-1", webCut.uploads().keySet())).as("web-1 owns its blocks").isEmpty();
            clock.advance(Duration.ofHours(2));
            Fixtures.protect(repo, "db-1", Fixtures.cutImage(db2, BS, SourceKind.IMAGE)); // keep-last 1: db-1 compacts
            assertThat(repo.awaitRetention(Duration.ofSeconds(30))).isTrue();
            assertThat(repo.verify(Optional.empty()).ok()).isTrue();
        }
        assertThat(records("web-1")).as("web-1's JSON records are not rewritten").containsOnlyKeys(webJson.keySet())
                .allSatisfy((name, bytes) -> assertThat(bytes).isEqualTo(webJson.get(name)));
        assertThat(records("db-1").keySet()).as("db-1's records were compacted").doesNotContainAnyElementsOf(dbJson.keySet())
                .isNotEmpty().allSatisfy(f -> assertThat(OldOwnershipFiles.isBinary(repoDir, f)).isTrue());
        failover("web-1", web);
        failover("db-1", db2);
    }

    @Test
    void aDamagedRecordIsSkippedLeftOnDiskAndTheBlocksAPointNamesStay() throws Exception {
        Map<String, byte[]> good = records("web-1");
        String name = good.keySet().iterator().next();
        byte[] binary = good.get(name);
        byte[] flipped = binary.clone();
        flipped[flipped.length / 2] ^= 0x10;
        byte[] json = OldOwnershipFiles.json("web-1", OldOwnershipFiles.map(OwnershipCodec.read(binary, name)));
        List<byte[]> bad = List.of(Arrays.copyOf(binary, binary.length - 7), flipped, Arrays.copyOf(json, json.length / 2));
        int round = 0;
        for (byte[] damaged : bad) {
            for (String f : good.keySet()) {
                Files.write(local.path(new Handle(FileType.MACHINES, f)), damaged);
            }
            try (Repository repo = open()) {
                // the vault no longer knows web-1 has its blocks: it asks for them again (more on disk, never less)
                assertThat(repo.missing("web-1", webCut.uploads().keySet())).hasSameSizeAs(webCut.uploads().keySet());
                clock.advance(Duration.ofHours(2));
                // a commit of db-1 drops its old point and sweeps packs: web-1's unowned blocks are still
                // named by web-1's point, so their packs stay
                Fixtures.protect(repo, "db-1", Fixtures.cutImage(Fixtures.image(60 + round++, 24, BS), BS, SourceKind.IMAGE));
                assertThat(repo.awaitRetention(Duration.ofSeconds(30))).isTrue();
            }
            for (String f : good.keySet()) {
                assertThat(Files.readAllBytes(local.path(new Handle(FileType.MACHINES, f)))).as("left as found").isEqualTo(damaged);
                Files.write(local.path(new Handle(FileType.MACHINES, f)), good.get(f));
            }
            failover("web-1", web); // every block it needs is still stored
        }
    }
}
