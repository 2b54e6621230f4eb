package io.lifeboat.vault.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.vault.events.EventType;
import io.lifeboat.vault.events.VaultEvent;
import io.lifeboat.vault.pki.VaultAuthority;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HTTPS webhook gets alerts over TLS 1.2+, with the receiver's certificate and host name checked. */
class HttpsWebhookTest {
    @TempDir
    Path tmp;

    record Received(String protocol, String body) {
    }

    @Test
    void alertsGoOverPolicyTlsToATrustedReceiverAndNotToAnUntrustedOne() throws Exception {
        VaultAuthority ca = new VaultAuthority(VaultAuthority.newCa("webhook test CA", Clock.systemUTC()), Clock.systemUTC());
        HeldCertificate server = ca.newServerCertificate(List.of("127.0.0.1"));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", server.keyPair().getPrivate(), new char[0],
                new Certificate[] {server.certificate(), ca.ca().certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);

        LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverTls) {
            @Override
            public void configure(HttpsParameters params) {
                params.setSSLParameters(serverTls.getDefaultSSLParameters());
            }
        });
        https.createContext("/hook", ex -> {
            String protocol = ((com.sun.net.httpserver.HttpsExchange) ex).getSSLSession().getProtocol();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            ex.sendResponseHeaders(204, -1); // answered before the test sees it, so the sender is done
            ex.close();
            received.add(new Received(protocol, body));
        });
        https.start();
        try {
            WebhookStore store = new WebhookStore(tmp);
            store.add(WebhookUrl.parse("https://127.0.0.1:" + https.getAddress().getPort() + "/hook"));
            VaultEvent e = VaultEvent.of(Instant.now(), EventType.RPO_CRITICAL, "web-1", "late", "health", "critical");
            WebhookSender.Delivery fast = new WebhookSender.Delivery(Duration.ofSeconds(5), 2, Duration.ofMillis(50));

            try (WebhookSender untrusting = new WebhookSender(store, fast)) { // system CAs: the test CA is not one
                untrusting.accept(e);
            }
            assertThat(received.poll(3, TimeUnit.SECONDS)).as("no delivery to an untrusted certificate").isNull();

            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.ca().certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext clientTls = SSLContext.getInstance("TLS");
            clientTls.init(null, tmf.getTrustManagers(), null);
            try (WebhookSender sender = new WebhookSender(store, fast, clientTls)) {
                sender.accept(e);
                Received r = received.poll(30, TimeUnit.SECONDS);
                assertThat(r).isNotNull();
                assertThat(r.protocol()).isIn("TLSv1.3", "TLSv1.2");
                assertThat(r.body()).contains("\"type\":\"rpo-critical\"").contains("\"machine\":\"web-1\"");
            }
        } finally {
            https.stop(0);
        }
    }
}
