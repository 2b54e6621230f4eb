package io.lifeboat.agent.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.agent.protect.VaultTransport;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.LifeboatException.Kind;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The agent's two consistency-group requests ({@code docs/protocol.md}, "Consistency groups"): ask
 * for the group's current round, record a committed point for a round. One attempt each: a round
 * that cannot be had leaves the pass's points ordinary points, which the caller reports.
 */
public final class GroupClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VaultTransport transport;
    private final String group;

    public GroupClient(VaultTransport transport, String group) {
        this.transport = transport;
        this.group = group;
    }

    public String group() {
        return group;
    }

    /** The round to protect for now (the vault opens one when the last is over). */
    public long currentRound() {
        JsonNode n = exchange("round of group " + group, VaultTransport.Request.get("/v1/groups/" + enc(group) + "/round"));
        return n.path("round").asLong();
    }

    /** What the vault said of a record. */
    public record Recorded(boolean alreadyRecorded, boolean complete) {
    }

    /** Records {@code point} of {@code source} for {@code round}. */
    public Recorded record(long round, Path source, String point) {
        byte[] body = JSON.createObjectNode().put("source", source.toString()).put("point", point).toString()
                .getBytes(StandardCharsets.UTF_8);
        JsonNode n = exchange("record of point " + point + " for round " + round + " of group " + group,
                VaultTransport.Request.post("/v1/groups/" + enc(group) + "/rounds/" + round + "/members",
                        "application/json", body));
        return new Recorded(n.path("alreadyRecorded").asBoolean(), n.path("complete").asBoolean());
    }

    private JsonNode exchange(String what, VaultTransport.Request request) {
        VaultTransport.Reply reply;
        try {
            reply = transport.send(request);
        } catch (IOException e) {
            throw new LifeboatException(Kind.UNREACHABLE, "vault unreachable: the " + what + " failed: " + e.getMessage(), e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(reply.body());
        } catch (IOException e) {
            body = null;
        }
        if (!reply.ok()) {
            String message = body != null && body.hasNonNull("message") ? body.get("message").asText()
                    : new String(reply.body(), StandardCharsets.UTF_8);
            Kind kind = reply.status() == 403 || reply.status() == 404 || reply.status() == 400 ? Kind.USAGE : Kind.FAILED;
            throw new LifeboatException(kind, "vault refused the " + what + " (HTTP " + reply.status() + "): " + message);
        }
        if (body == null || !body.isObject()) {
            throw new LifeboatException(Kind.FAILED, "the vault answered the " + what + " with unreadable JSON");
        }
        return body;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
