package io.lifeboat.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.VaultClient;
import io.lifeboat.tls.engine.TlsEngine;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real vault on loopback hands an upload's body to its route in pieces larger than Vert.x's
 * default of 8 KiB (up to {@link VaultServer#BODY_PIECE}), and the pieces join to the bytes sent.
 * The route here stands in for the block upload's: same path, body left unread by the vault's body
 * handler, pieces recorded as they arrive.
 */
class BodyPiecesTest {
    @TempDir
    Path dir;

    @Test
    void anUploadArrivesInPiecesOfUpTo64KiBThatJoinToTheBytesSent() throws Exception {
        List<Integer> pieces = new ArrayList<>();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        try (TestVault v = new TestVault(dir, TlsEngine.select("auto"), (router, context) ->
                router.post("/v1/machines/:machine/blocks").handler(ctx -> {
                    HttpServerRequest r = ctx.request();
                    r.handler(b -> {
                        pieces.add(b.length());
                        joined.writeBytes(b.getBytes());
                    });
                    r.endHandler(x -> ctx.response().end("ok"));
                    r.resume();
                }))) {
            AgentLayout a = v.enrolled("m1");
            byte[] body = new byte[8 << 20];
            new Random(14).nextBytes(body);
            try (VaultClient c = VaultClient.open(a, v.server.engine())) {
                c.send(HttpMethod.POST, "/v1/machines/m1/blocks", body, Map.of("Content-Type", "application/octet-stream"))
                        .requireOk("upload");
            }
            assertThat(joined.toByteArray()).isEqualTo(body);
            assertThat(pieces.stream().mapToInt(Integer::intValue).max().orElse(0))
                    .isGreaterThan(8 * 1024).isLessThanOrEqualTo(VaultServer.BODY_PIECE);
            // most of the body comes in few pieces: 8 MiB at 8 KiB a piece would be 1,024 of them
            assertThat(pieces.size()).isLessThan(700);
        }
    }
}
