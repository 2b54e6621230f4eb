package io.lifeboat.vault;

import io.lifeboat.tls.pki.HeldCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * An independent HTTPS client (the JDK's java.net.http with real trust and host-name checks) that
 * presents any certificate a test builds, or none.
 */
final class HttpsProbe {
    private HttpsProbe() {
    }

    /** A status and body, or the transport failure. */
    record Outcome(int status, String body, IOException failure) {
        boolean refused() {
            return failure != null || status == 401 || status == 403;
        }
    }

    static Outcome request(int port, String method, String path, String body, X509Certificate ca,
            HeldCertificate clientOrNull) throws Exception {
        SSLContext ssl = io.lifeboat.vault.http.TlsSockets.context(ca, clientOrNull);
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        req = body == null ? req.method(method, HttpRequest.BodyPublishers.noBody())
                : req.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        try {
            HttpResponse<String> r = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
            return new Outcome(r.statusCode(), r.body(), null);
        } catch (IOException e) {
            return new Outcome(0, "", e);
        }
    }
}
