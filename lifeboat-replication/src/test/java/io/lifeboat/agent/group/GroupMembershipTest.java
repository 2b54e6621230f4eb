package io.lifeboat.agent.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.agent.protect.ProtectListener;
import io.lifeboat.agent.protect.ProtectResult;
import io.lifeboat.agent.protect.VaultTransport;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent's side of a group, against a scripted vault: the round asked before the passes, each
 * committed point recorded for it, and every failure a notice that leaves the point an ordinary one.
 */
class GroupMembershipTest {
    final List<String> requests = new ArrayList<>();
    final List<String> notices = new ArrayList<>();
    final ProtectListener listener = new ProtectListener() {
        @Override
        public void notice(String message) {
            notices.add(message);
        }
    };

    static VaultTransport.Reply json(int status, String body) {
        return new VaultTransport.Reply(status, "application/json", body.getBytes(StandardCharsets.UTF_8), null, null);
    }

    static ProtectResult committed(String id) {
        PointInfo p = new PointInfo(id, "app", Instant.EPOCH, "/srv/app.img", SourceKind.IMAGE, 0, 0, null, null, "live");
        return new ProtectResult(p, 0, 0, 0, 0, 0, 0, Duration.ZERO, 0);
    }

    @Test
    void asksTheRoundThenRecordsEachPointForIt() {
        VaultTransport vault = r -> {
            requests.add(r.method() + " " + r.path() + (r.body().length > 0 ? " " + new String(r.body(), StandardCharsets.UTF_8) : ""));
            return r.method().equals("GET") ? json(200, "{\"group\":\"shop\",\"round\":7}")
                    : json(200, "{\"alreadyRecorded\":false,\"complete\":true}");
        };
        GroupMembership m = new GroupMembership(new GroupClient(vault, "shop"), listener);
        m.beforeRound();
        assertThat(m.round()).isEqualTo(7);
        m.passCommitted(Path.of("/srv/app.img"), committed("P1"), Duration.ZERO);
        assertThat(requests).containsExactly("GET /v1/groups/shop/round",
                "POST /v1/groups/shop/rounds/7/members {\"source\":\"/srv/app.img\",\"point\":\"P1\"}");
        assertThat(notices).containsExactly("group shop: point P1 of /srv/app.img recorded for round 7 (round complete: a group point)");
    }

    @Test
    void aRefusedRecordOrAMissingRoundLeavesAnOrdinaryPoint() {
        int[] call = {0};
        VaultTransport vault = r -> {
            call[0]++;
            if (call[0] == 1) {
                return json(200, "{\"round\":3}");
            }
            if (call[0] == 2) {
                return json(409, "{\"error\":\"round_timed_out\",\"message\":\"round 3 of group shop timed out\"}");
            }
            throw new IOException("connection refused");
        };
        GroupMembership m = new GroupMembership(new GroupClient(vault, "shop"), listener);
        m.beforeRound();
        m.passCommitted(Path.of("/a"), committed("P1"), Duration.ZERO);
        assertThat(notices.get(0)).isEqualTo("group shop: point P1 of /a is kept as an ordinary point, not in round 3:"
                + " vault refused the record of point P1 for round 3 of group shop (HTTP 409): round 3 of group shop timed out");
        assertThatThrownBy(m::beforeRound).isInstanceOfSatisfying(LifeboatException.class,
                e -> assertThat(e.kind()).isEqualTo(LifeboatException.Kind.UNREACHABLE));
        assertThat(m.round()).as("no stale round after a failed ask").isEqualTo(-1);
        m.passCommitted(Path.of("/a"), committed("P2"), Duration.ZERO);
        assertThat(notices.get(1)).contains("point P2 of /a is not a group member point: the vault gave no round");
    }

    @Test
    void aGroupThatDoesNotExistIsAUsageError() {
        VaultTransport vault = r -> json(404, "{\"error\":\"not_found\",\"message\":\"there is no consistency group shop\"}");
        assertThatThrownBy(() -> new GroupClient(vault, "shop").currentRound()).isInstanceOfSatisfying(LifeboatException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(LifeboatException.Kind.USAGE);
                    assertThat(e.getMessage()).contains("there is no consistency group shop");
                });
    }
}
