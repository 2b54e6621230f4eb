package io.lifeboat.vault.replication;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lifeboat.replication.protocol.ReplicationJson;
import io.lifeboat.replication.protocol.ReplicationPaths;
import io.lifeboat.replication.protocol.BodyTooLargeException;
import io.lifeboat.replication.protocol.WireFormatException;
import io.lifeboat.repository.ManifestCodec;
import io.lifeboat.vault.api.Caller;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one replication request to {@link ReplicationService} after the authorisation check: the
 * {@code {machine}} of the path must be the caller's certified machine name, else 403 and nothing
 * is read or written. Transport-free (HTTP adapters and tests call {@link #handle}); errors become
 * JSON {@code {"error": "..."}} with the status of {@code docs/protocol.md}.
 */
public final class ReplicationRequests {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationRequests.class);
    private static final String PREFIX = "/v1/machines/";

    public record Response(int status, String contentType, byte[] body) {
        static Response json(int status, byte[] body) {
            return new Response(status, ReplicationPaths.JSON, body);
        }

        static Response json(int status, Object value) {
            try {
                return json(status, ReplicationJson.MAPPER.writeValueAsBytes(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The vault's one error shape (see {@code io.lifeboat.vault.api.ApiErrors}). */
        static Response error(int status, String code, String message) {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("error", code);
            body.put("message", message);
            return json(status, body);
        }
    }

    private final ReplicationService service;

    public ReplicationRequests(ReplicationService service) {
        this.service = service;
    }

    public Response handle(String method, String path, Caller caller, byte[] body) {
        try {
            return route(method, path, caller, body);
        } catch (ReplicationException e) {
            return Response.error(e.status(), e.code(), e.getMessage());
        } catch (BodyTooLargeException e) {
            return Response.error(413, "too_large", e.getMessage());
        } catch (WireFormatException e) {
            return Response.error(400, "bad_request", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("replication request {} {} from {} failed", method, path, caller.machine(), e);
            return Response.error(500, "internal", "vault error: " + e.getMessage());
        }
    }

    private Response route(String method, String path, Caller caller, byte[] body) {
        if (!path.startsWith(PREFIX)) {
            throw new ReplicationException(404, "not_found", "no such request: " + method + " " + path);
        }
        String[] seg = path.substring(PREFIX.length()).split("/", -1);
        String machine = URLDecoder.decode(seg[0], StandardCharsets.UTF_8);
        if (!machine.equals(caller.machine())) {
            LOG.warn("refused: machine {} asked for {} {} of machine {}", caller.machine(), method, path, machine);
            throw new ReplicationException(403, "forbidden", "machine " + caller.machine() + " may not act for machine " + machine);
        }
        if (seg.length > 3) {
            throw new ReplicationException(404, "not_found", "no such request: " + method + " " + path);
        }
        String rest = String.join("/", java.util.Arrays.copyOfRange(seg, 1, seg.length));
        String op = method + " " + (rest.startsWith("blocks/") && !rest.equals("blocks/missing") ? "blocks/ID"
                : rest.startsWith("points/") ? "points/ID" : rest);
        return switch (op) {
            case "POST blocks/missing" -> new Response(200, ReplicationPaths.OCTETS, service.missing(machine, body));
            case "POST blocks" -> Response.json(200, service.upload(machine, body));
            case "GET blocks/ID" -> new Response(200, ReplicationPaths.OCTETS, service.block(machine, seg[2]));
            case "POST manifest-chunks" -> Response.json(200, Map.of("chunk", service.chunk(machine, body)));
            case "POST points" -> Response.json(200, ReplicationJson.bytes(ManifestCodec.infoNode(
                    service.commit(machine, body, caller.protocol(), caller.cipherSuite()))));
            case "GET points" -> Response.json(200, ReplicationJson.points(service.points(machine)));
            case "GET points/ID" -> Response.json(200, ManifestCodec.toJson(service.manifest(machine,
                    URLDecoder.decode(seg[2], StandardCharsets.UTF_8))));
            default -> throw new ReplicationException(404, "not_found", "no such request: " + method + " " + path);
        };
    }
}
