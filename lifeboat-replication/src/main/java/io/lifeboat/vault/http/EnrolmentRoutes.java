package io.lifeboat.vault.http;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.api.ApiErrors;
import io.lifeboat.vault.pki.VaultAuthority;
import io.lifeboat.vault.store.TokenRecord;
import io.lifeboat.vault.store.TokenRefusedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import io.lifeboat.vault.cluster.NodeAnnouncement;
import io.lifeboat.vault.cluster.NodesJson;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/enroll}, the one route without a client certificate: a one-time token and a CSR
 * in, a short-lived client certificate naming the machine out. See docs/protocol.md.
 */
public final class EnrolmentRoutes {
    private static final Logger LOG = LoggerFactory.getLogger("lifeboat.vault");

    private final Vault vault;
    private final Supplier<List<NodeAnnouncement>> nodes;

    /** @param nodes the vault's live nodes, listed in the answer so the agent knows where else to go */
    public EnrolmentRoutes(Vault vault, Supplier<List<NodeAnnouncement>> nodes) {
        this.vault = vault;
        this.nodes = nodes;
    }

    /** Runs on a worker thread (file writes, signing). */
    public void enroll(RoutingContext ctx) {
        JsonObject req = JsonBodies.object(ctx);
        if (req == null) {
            return;
        }
        String machine = req.getString("machine", "");
        try {
            if (!vault.caSha256().equals(req.getString("ca", ""))) {
                throw new TokenRefusedException("token_ca_mismatch", "the token's CA hash is not this vault's CA:"
                        + " the token was altered or belongs to another vault");
            }
            // the token is spent only once the CSR is known to be good, so a malformed request does not burn it
            TokenRecord token = vault.tokens().check(req.getString("token"), req.getString("secret"), machine);
            X509Certificate cert = vault.authority().issue(req.getString("csr", ""), machine,
                    vault.config().certificateLifetime());
            vault.tokens().spend(token);
            vault.machines().enrolled(machine, VaultAuthority.describe(cert));
            LOG.info("enrolled machine {} from {} (certificate until {})", machine,
                    ctx.request().connection().remoteAddress(), cert.getNotAfter().toInstant());
            vault.listener().enrolled(machine, String.valueOf(ctx.request().connection().remoteAddress()),
                    cert.getNotAfter().toInstant());
            CertificateReplies.send(ctx, 201, machine, cert, vault.authority().ca().certificate(), nodeList());
        } catch (TokenRefusedException e) {
            LOG.warn("refused enrolment of '{}' from {}: {}", machine, ctx.request().connection().remoteAddress(),
                    e.getMessage());
            ApiErrors.send(ctx, 403, e.code(), e.getMessage());
        } catch (LifeboatException e) {
            ApiErrors.send(ctx, 400, "bad_request", e.getMessage());
        } catch (IOException e) {
            LOG.error("enrolment of {} failed", machine, e);
            ApiErrors.send(ctx, 500, "internal", "the vault could not store the enrolment: " + e.getMessage());
        }
    }

    /** The node list, or none when the store cannot list it now: the enrolment itself succeeded. */
    private io.vertx.core.json.JsonArray nodeList() {
        try {
            return NodesJson.of(nodes.get());
        } catch (RuntimeException e) {
            LOG.warn("enrolment answer without the node list: {}", e.toString());
            return new io.vertx.core.json.JsonArray();
        }
    }
}
