package io.lifeboat.vault.http;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.api.ApiErrors;
import io.lifeboat.vault.api.Caller;
import io.lifeboat.vault.pki.VaultAuthority;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.security.cert.X509Certificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /v1/renew}: over mutual TLS, a CSR for the caller's own machine name in, a new certificate out. */
public final class RenewalRoutes {
    private static final Logger LOG = LoggerFactory.getLogger("lifeboat.vault");

    private final Vault vault;

    public RenewalRoutes(Vault vault) {
        this.vault = vault;
    }

    /** Runs on a worker thread. */
    public void renew(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        JsonObject req = JsonBodies.object(ctx);
        if (req == null) {
            return;
        }
        try {
            X509Certificate cert = vault.authority().issue(req.getString("csr", ""), caller.machine(),
                    vault.config().certificateLifetime());
            vault.machines().renewed(caller.machine(), VaultAuthority.describe(cert));
            LOG.info("renewed the certificate of machine {} (until {})", caller.machine(), cert.getNotAfter().toInstant());
            vault.listener().renewed(caller.machine(), cert.getNotAfter().toInstant());
            CertificateReplies.send(ctx, 201, caller.machine(), cert, vault.authority().ca().certificate());
        } catch (LifeboatException e) {
            ApiErrors.send(ctx, 400, "bad_request", e.getMessage());
        } catch (IOException e) {
            LOG.error("renewal of {} failed", caller.machine(), e);
            ApiErrors.send(ctx, 500, "internal", "the vault could not store the renewal: " + e.getMessage());
        }
    }
}
