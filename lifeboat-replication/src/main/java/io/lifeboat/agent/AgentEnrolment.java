package io.lifeboat.agent;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.TlsPolicy;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.tls.engine.VertxTls;
import io.lifeboat.tls.pki.Csr;
import io.lifeboat.tls.pki.KeyPairs;
import io.lifeboat.vault.HostPort;
import io.lifeboat.vault.MachineName;
import io.lifeboat.vault.api.EnrolmentToken;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * {@code agent enroll}: makes a key pair here, sends a CSR with the one-time token over
 * server-authenticated TLS pinned to the token's CA hash, and stores the returned client
 * certificate, the key (0600) and the CA in the agent folder. The private key never leaves.
 */
public final class AgentEnrolment {
    private AgentEnrolment() {
    }

    /** What an enrolment produced. */
    public record Result(String machine, HostPort vault, X509Certificate certificate, String protocol,
            String cipherSuite) {
    }

    /**
     * @param machine the machine name to enrol as; null to take the one in the token
     * @throws LifeboatException IDENTITY_REJECTED when the vault refuses the token or the pin does not
     *                           match, UNREACHABLE when the vault does not answer, USAGE for a bad token
     */
    public static Result enroll(EnrolmentToken token, String machine, AgentLayout layout, TlsEngine engine) {
        String name = MachineName.require(machine == null ? token.machine() : machine);
        IdentityFiles.requireNotSymlinked(layout);
        HostPort vault = HostPort.parse(token.vault());
        KeyPair keys = KeyPairs.ecP256();
        EnrolmentRequest request = new EnrolmentRequest(token, name, Csr.create(keys, name));
        PinnedCaTrustManager pinned = new PinnedCaTrustManager(token.caSha256());
        var options = VertxTls.clientOptions(TlsPolicy.TLS12_PLUS, engine, null, TrustOptions.wrap(pinned));
        VaultResponse resp;
        try (BlockingHttp http = new BlockingHttp(options, vault)) {
            resp = http.send(HttpMethod.POST, "/v1/enroll",
                    request.toJson().encode().getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/json"));
        } catch (LifeboatException e) {
            LifeboatException failure = pinned.failure() == null ? e
                    : new LifeboatException(LifeboatException.Kind.IDENTITY_REJECTED, "enrolment refused: "
                            + pinned.failure() + "; nothing was sent", e);
            throw ConnectionDiagnosis.explain(failure, () -> ConnectionDiagnosis.enrolment(vault, token.caSha256()));
        }
        resp.requireOk("enrolment refused");
        X509Certificate cert = IdentityFiles.store(layout, resp.json(), keys, token.caSha256(), name);
        try {
            new AgentConfig(vault.toString(), name).write(layout);
            VaultNodes nodes = VaultNodes.fromAnswer(resp.json()); // a vault of several nodes lists them all
            if (!nodes.nodes().isEmpty()) {
                nodes.write(layout);
            }
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot write " + layout.config() + ": " + e, e);
        }
        return new Result(name, vault, cert, resp.protocol(), resp.cipherSuite());
    }
}
