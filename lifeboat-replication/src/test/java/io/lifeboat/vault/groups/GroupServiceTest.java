package io.lifeboat.vault.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.Fixtures;
import io.lifeboat.repository.MutableClock;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.repository.backend.MemoryBackend;
import io.lifeboat.repository.groups.GroupDefinition;
import io.lifeboat.repository.groups.GroupMember;
import io.lifeboat.repository.groups.GroupStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault's group requests without HTTP: what each answers, and each refusal's status and code. */
class GroupServiceTest {
    @TempDir
    Path tables;

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    final MemoryBackend backend = new MemoryBackend();
    Repository repo;
    GroupService service;

    @BeforeEach
    void open() {
        repo = Repository.open(backend, RepositoryOptions.defaults().withClock(clock).withTableDir(tables));
        GroupStore groups = GroupStore.on(backend);
        groups.define(new GroupDefinition("shop", List.of(GroupMember.parse("app"), GroupMember.parse("db")),
                Duration.ofMinutes(1), clock.instant()));
        service = new GroupService(groups, () -> repo, clock);
    }

    @AfterEach
    void close() {
        repo.close();
    }

    PointInfo protect(String machine, long seed) {
        return Fixtures.protect(repo, machine, Fixtures.cutImage(Fixtures.random(seed, 64 << 10), 32 << 10, SourceKind.IMAGE));
    }

    static byte[] body(String source, String point) {
        return ("{\"source\": \"" + source + "\", \"point\": \"" + point + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static void refused(Runnable call, int status, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(GroupRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void roundsAndRecordsFormAGroupPoint() {
        Map<String, Object> round = service.round("app", "shop");
        assertThat(round).containsEntry("round", 1L).containsKeys("opened", "deadline");
        clock.advance(Duration.ofSeconds(1));
        PointInfo a = protect("app", 1);
        PointInfo d = protect("db", 2);
        assertThat(service.record("app", "shop", "1", body(a.source(), a.id()))).containsEntry("complete", false)
                .containsEntry("member", "app").containsEntry("alreadyRecorded", false);
        assertThat(service.record("db", "shop", "1", body(d.source(), d.id()))).containsEntry("complete", true);
        assertThat(service.record("db", "shop", "1", body(d.source(), d.id()))).containsEntry("alreadyRecorded", true);
    }

    @Test
    void refusalsCarryTheirStatusAndCode() {
        refused(() -> service.round("mail", "shop"), 403, "not_a_member", "machine mail is not a member of group shop");
        refused(() -> service.round("app", "nope"), 404, "not_found", "there is no consistency group nope");
        refused(() -> service.round("app", "bad/name"), 400, "bad_request", "bad group name");
        PointInfo early = protect("app", 3);
        clock.advance(Duration.ofSeconds(1));
        service.round("app", "shop");
        refused(() -> service.record("app", "shop", "1", body(early.source(), early.id())), 409, "point_before_round",
                "before round 1 of group shop opened");
        refused(() -> service.record("app", "shop", "x", body("/s", "p")), 400, "bad_request", "member record refused");
        byte[] flood = ("[" + "{},".repeat(GroupService.MAX_MEMBER_BODY / 3) + "{}]").getBytes(StandardCharsets.UTF_8);
        refused(() -> service.record("app", "shop", "1", flood), 413, "too_large", "member record refused: "
                + flood.length + " bytes, at most 65536");
        refused(() -> service.record("app", "shop", "1", "{\"source\": \"/s\"}".getBytes(StandardCharsets.UTF_8)), 400,
                "bad_request", "{\"source\": PATH, \"point\": ID}");
        clock.advance(Duration.ofSeconds(1));
        PointInfo a = protect("app", 4);
        refused(() -> service.record("app", "shop", "1", body("/elsewhere", a.id())), 400, "bad_request",
                "is not a point of /elsewhere");
        refused(() -> service.record("app", "shop", "1", body(a.source(), "20990101T000000Z-00000000")), 404, "not_found",
                "no point");
        refused(() -> service.record("db", "shop", "1", body(a.source(), a.id())), 404, "not_found", "machine db has no recovery points");
        clock.advance(Duration.ofMinutes(2));
        refused(() -> service.record("app", "shop", "1", body(a.source(), a.id())), 409, "round_timed_out",
                "round 1 of group shop timed out");
    }
}
