package io.lifeboat.cli.repo;

import static io.lifeboat.cli.testing.InProcessCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.testing.InProcessCli.Run;
import io.lifeboat.repository.Fixtures;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.groups.GroupDefinition;
import io.lifeboat.repository.groups.GroupMember;
import io.lifeboat.repository.groups.GroupStore;
import io.lifeboat.vault.HostPort;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.VaultLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code failover --machine} and {@code failover --group} in-process: the group point is read first and the repository opened for its
 * two members only (a third machine's ownership records are not read: one that cannot be parsed goes
 * unmentioned, where a whole open warns about it), and both members are restored byte for byte,
 * sharing blocks with each other and with the machine left out.
 */
class FailoverOpensItsMachinesTest {
    static final int BS = 32 << 10;

    @TempDir
    Path tmp;

    @Test
    void restoresBothMembersOfAGroupPointFromARepositoryOpenedForThem() throws Exception {
        Path dir = tmp.resolve("V");
        Vault.init(new VaultLayout(dir), List.of(), new HostPort("127.0.0.1", 7443), Clock.systemUTC());
        Map<String, byte[]> images = new HashMap<>();
        Map<String, PointInfo> points = new HashMap<>();
        byte[] shared = Fixtures.random(7, 4 * BS); // every machine's first four blocks
        try (Repository repo = Repository.openLocal(VaultDir.repository(dir), RepositoryOptions.defaults())) {
            long seed = 1;
            for (String m : List.of("app", "db", "mail")) {
                byte[] image = Fixtures.random(seed++, 10 * BS);
                System.arraycopy(shared, 0, image, 0, shared.length);
                images.put(m, image);
                points.put(m, Fixtures.protect(repo, m, Fixtures.cutImage(image, BS, SourceKind.IMAGE)));
            }
        }
        GroupStore groups = GroupStore.on(new LocalBackend(VaultDir.repository(dir)));
        Instant now = Instant.now().minusSeconds(60);
        groups.define(new GroupDefinition("shop", List.of(GroupMember.parse("app"), GroupMember.parse("db")),
                Duration.ofMinutes(10), now));
        long round = groups.currentRound("shop", "app", now).round();
        for (String m : List.of("app", "db")) {
            groups.record("shop", round, m, "/srv/disk.img", points.get(m).id(), now.plusSeconds(1), now.plusSeconds(2));
        }
        Path map = Files.writeString(tmp.resolve("shop.map"),
                "app = " + tmp.resolve("dr/app.img") + "\ndb = " + tmp.resolve("dr/db.img") + "\n");
        Files.createDirectories(tmp.resolve("dr"));

        // the machine outside the group gets an ownership record that cannot be read: a whole open
        // warns about it, an open for the group's machines never reads it
        Path mailRecords = VaultDir.repository(dir).resolve("machines/mail");
        try (var files = Files.list(mailRecords)) {
            for (Path f : files.toList()) {
                Files.writeString(f, "not an ownership record");
            }
        }
        assertThat(run("points", "--dir", dir.toString()).err()).contains("machines/mail/").contains("unreadable");

        Run r = run("failover", "--dir", dir.toString(), "--group", "shop", "--to-map", map.toString(), "--json");

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode result = JsonOutput.MAPPER.readTree(r.out());
        assertThat(result.path("members").findValuesAsText("member")).containsExactlyInAnyOrder("app", "db");
        assertThat(Files.readAllBytes(tmp.resolve("dr/app.img"))).isEqualTo(images.get("app"));
        assertThat(Files.readAllBytes(tmp.resolve("dr/db.img"))).isEqualTo(images.get("db"));
        assertThat(tmp.resolve("dr/mail.img")).doesNotExist();
        assertThat(r.err()).as("the third machine's records were not read").doesNotContain("machines/mail/");

        // one machine: only its records
        Run one = run("failover", "--dir", dir.toString(), "--machine", "db", "--to", tmp.resolve("dr/db-again.img").toString());
        assertThat(one.code()).as(one.out() + one.err()).isZero();
        assertThat(Files.readAllBytes(tmp.resolve("dr/db-again.img"))).isEqualTo(images.get("db"));
        assertThat(one.err()).doesNotContain("machines/mail/");
    }
}
