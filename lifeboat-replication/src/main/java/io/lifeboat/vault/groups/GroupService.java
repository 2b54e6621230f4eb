package io.lifeboat.vault.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.repository.NotFoundException;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.groups.GroupRefusedException;
import io.lifeboat.repository.groups.GroupRound;
import io.lifeboat.repository.groups.GroupStore;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The vault's side of consistency groups, free of HTTP: each method takes the authenticated machine,
 * answers a JSON-ready map, or throws a {@link GroupRequestException} carrying the HTTP status and
 * error code of {@code docs/protocol.md} ("Consistency groups"). A machine learns only the rounds of
 * groups it is a member of, and records only its own points.
 */
public final class GroupService {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest member record body, as for every small JSON body ({@code {"source": PATH, "point": ID}}). */
    static final int MAX_MEMBER_BODY = io.lifeboat.vault.api.RequestBody.MAX_SMALL_JSON;

    private final GroupStore groups;
    private final Supplier<Repository> repository;
    private final Clock clock;

    public GroupService(GroupStore groups, Supplier<Repository> repository, Clock clock) {
        this.groups = groups;
        this.repository = repository;
        this.clock = clock;
    }

    /** {@code GET /v1/groups/{group}/round}: the open round, opened now when the last one is over. */
    public Map<String, Object> round(String machine, String group) {
        try {
            GroupRound r = groups.currentRound(group, machine, clock.instant());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", r.group());
            m.put("round", r.round());
            m.put("opened", r.opened().toString());
            m.put("deadline", r.deadline().toString());
            return m;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * {@code POST /v1/groups/{group}/rounds/{round}/members} with {@code {"source": S, "point": ID}}:
     * the caller's point, which must exist and be of that source, recorded for the round.
     */
    public Map<String, Object> record(String machine, String group, String round, byte[] body) {
        long n;
        String source;
        String pointId;
        if (body.length > MAX_MEMBER_BODY) {
            // a record is a few hundred bytes; a tree of JSON nodes costs up to 27 times its body's bytes
            throw new GroupRequestException(413, "too_large", "member record refused: " + body.length
                    + " bytes, at most " + MAX_MEMBER_BODY);
        }
        try {
            n = Long.parseLong(round);
            JsonNode b = JSON.readTree(body);
            source = b.path("source").asText(null);
            pointId = b.path("point").asText(null);
            if (source == null || pointId == null || b.size() != 2) {
                throw new IllegalArgumentException("the body is {\"source\": PATH, \"point\": ID} and nothing else");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new GroupRequestException(400, "bad_request", "member record refused: " + e.getMessage());
        }
        try {
            PointInfo point = repository.get().point(machine, pointId);
            if (!point.id().equals(pointId) || !point.source().equals(source)) {
                throw new GroupRequestException(400, "bad_request", "point " + pointId + " of machine " + machine
                        + " is not a point of " + source);
            }
            GroupStore.Recorded r = groups.record(group, n, machine, source, point.id(), point.created(), clock.instant());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", group);
            m.put("round", n);
            m.put("member", r.member().member());
            m.put("point", r.member().point());
            m.put("alreadyRecorded", r.alreadyRecorded());
            m.put("complete", r.complete());
            return m;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(RuntimeException e) {
        if (e instanceof GroupRequestException) {
            return e;
        }
        if (e instanceof GroupRefusedException g) {
            return g.code() == GroupRefusedException.Code.NOT_A_MEMBER
                    ? new GroupRequestException(403, "not_a_member", g.getMessage())
                    : new GroupRequestException(409, g.code().name().toLowerCase(java.util.Locale.ROOT), g.getMessage());
        }
        if (e instanceof NotFoundException) {
            return new GroupRequestException(404, "not_found", e.getMessage());
        }
        if (e instanceof io.lifeboat.tls.LifeboatException l && l.kind() == io.lifeboat.tls.LifeboatException.Kind.USAGE) {
            return new GroupRequestException(400, "bad_request", e.getMessage());
        }
        return e;
    }
}
