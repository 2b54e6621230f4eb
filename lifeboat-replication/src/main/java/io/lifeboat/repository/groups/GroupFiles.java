package io.lifeboat.repository.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeboat.repository.IntegrityException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of the files under {@code groups/<group>/} (see {@code docs/repository-format.md}). A file
 * that does not read is an {@link IntegrityException} naming it: the repository wrote it whole, so
 * anything else is damage.
 */
final class GroupFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GroupFiles() {
    }

    static byte[] definition(GroupDefinition d) {
        ObjectNode n = JSON.createObjectNode().put("group", d.group());
        ArrayNode members = n.putArray("members");
        d.members().forEach(m -> members.add(m.toString()));
        n.put("roundTimeoutSeconds", d.roundTimeout().getSeconds()).put("created", d.created().toString());
        return bytes(n);
    }

    static GroupDefinition definition(String file, byte[] data) {
        JsonNode n = tree(file, data);
        try {
            List<GroupMember> members = new ArrayList<>();
            n.path("members").forEach(m -> members.add(GroupMember.parse(m.asText())));
            return new GroupDefinition(text(n, "group", file), members,
                    Duration.ofSeconds(n.path("roundTimeoutSeconds").asLong()), Instant.parse(text(n, "created", file)));
        } catch (RuntimeException e) {
            throw damaged(file, e);
        }
    }

    static byte[] round(GroupRound r) {
        return bytes(JSON.createObjectNode().put("group", r.group()).put("round", r.round())
                .put("opened", r.opened().toString()).put("deadline", r.deadline().toString())
                .put("definition", r.definition()));
    }

    static GroupRound round(String file, byte[] data) {
        JsonNode n = tree(file, data);
        try {
            return new GroupRound(text(n, "group", file), n.path("round").asLong(), Instant.parse(text(n, "opened", file)),
                    Instant.parse(text(n, "deadline", file)), text(n, "definition", file));
        } catch (RuntimeException e) {
            throw damaged(file, e);
        }
    }

    static byte[] member(long round, MemberPoint m) {
        return bytes(memberNode(m).put("round", round));
    }

    static MemberPoint member(String file, byte[] data) {
        return memberOf(file, tree(file, data));
    }

    /** A group point: the round and the member points that make it. */
    static byte[] point(String group, long round, Instant formed, List<MemberPoint> members) {
        ObjectNode n = JSON.createObjectNode().put("group", group).put("round", round).put("formed", formed.toString());
        ArrayNode list = n.putArray("members");
        members.forEach(m -> list.add(memberNode(m)));
        return bytes(n);
    }

    /** A group point file: when it formed and its member points. */
    static Formed point(String file, byte[] data) {
        JsonNode n = tree(file, data);
        try {
            List<MemberPoint> members = new ArrayList<>();
            n.path("members").forEach(m -> members.add(memberOf(file, m)));
            return new Formed(Instant.parse(text(n, "formed", file)), members);
        } catch (RuntimeException e) {
            throw damaged(file, e);
        }
    }

    record Formed(Instant formed, List<MemberPoint> members) {
    }

    static byte[] incomplete(String group, long round, Instant closed, List<String> missing) {
        ObjectNode n = JSON.createObjectNode().put("group", group).put("round", round).put("closed", closed.toString());
        ArrayNode list = n.putArray("missing");
        missing.forEach(list::add);
        return bytes(n);
    }

    private static ObjectNode memberNode(MemberPoint m) {
        ObjectNode n = JSON.createObjectNode().put("member", m.member()).put("machine", m.machine())
                .put("source", m.source()).put("point", m.point());
        return n.put("recorded", m.recorded().toString());
    }

    private static MemberPoint memberOf(String file, JsonNode n) {
        try {
            return new MemberPoint(text(n, "member", file), text(n, "machine", file), text(n, "source", file),
                    text(n, "point", file), Instant.parse(text(n, "recorded", file)));
        } catch (RuntimeException e) {
            throw damaged(file, e);
        }
    }

    private static String text(JsonNode n, String field, String file) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IntegrityException(null, file, file + " is damaged: no \"" + field + "\"");
        }
        return v.asText();
    }

    private static JsonNode tree(String file, byte[] data) {
        try {
            JsonNode n = JSON.readTree(data);
            if (n == null || !n.isObject()) {
                throw new IntegrityException(null, file, file + " is damaged: not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new IntegrityException(null, file, file + " is damaged: " + e.getMessage());
        }
    }

    private static IntegrityException damaged(String file, RuntimeException e) {
        return e instanceof IntegrityException i ? i : new IntegrityException(null, file, file + " is damaged: " + e.getMessage());
    }

    private static byte[] bytes(JsonNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }
}
