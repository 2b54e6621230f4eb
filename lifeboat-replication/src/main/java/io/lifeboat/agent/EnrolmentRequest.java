package io.lifeboat.agent;

import io.lifeboat.tls.pki.Pem;
import io.lifeboat.vault.api.EnrolmentToken;
import io.vertx.core.json.JsonObject;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The body of {@code POST /v1/enroll}: the token's id and secret, the CA hash the agent pinned,
 * the machine name and a CSR. Nothing else: the private key stays in the agent folder.
 */
record EnrolmentRequest(EnrolmentToken token, String machine, PKCS10CertificationRequest csr) {

    JsonObject toJson() {
        try {
            return new JsonObject()
                    .put("token", token.id())
                    .put("secret", token.secret())
                    .put("ca", token.caSha256())
                    .put("machine", machine)
                    .put("csr", Pem.toPem("CERTIFICATE REQUEST", csr.getEncoded()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode the certificate request", e);
        }
    }
}
