package io.lifeboat.vault.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.tls.TlsPolicy;
import io.lifeboat.vault.events.VaultEvent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers alert events to the configured webhooks on its own thread; see the package note. */
public final class WebhookSender implements Consumer<VaultEvent>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("lifeboat.vault.alerts");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VaultEvent STOP = VaultEvent.of(java.time.Instant.EPOCH,
            io.lifeboat.vault.events.EventType.RPO_OK, null, "stop");

    /** How hard to try one delivery. */
    public record Delivery(Duration timeout, int attempts, Duration firstBackoff) {
        public static final Delivery DEFAULT = new Delivery(Duration.ofSeconds(10), 4, Duration.ofSeconds(2));
    }

    private final WebhookStore store;
    private final Delivery delivery;
    private final HttpClient client;
    private final BlockingQueue<VaultEvent> queue = new ArrayBlockingQueue<>(1000);
    private final Thread thread;

    /** Trusts the system's CAs for HTTPS webhooks. */
    public WebhookSender(WebhookStore store, Delivery delivery) {
        this(store, delivery, defaultContext());
    }

    /** @param trust the TLS context whose trust decides HTTPS webhooks (the policy's versions and suites apply on top) */
    public WebhookSender(WebhookStore store, Delivery delivery, SSLContext trust) {
        this.store = store;
        this.delivery = delivery;
        this.client = client(delivery.timeout(), trust);
        this.thread = new Thread(this::run, "lifeboat-webhooks");
        thread.setDaemon(true);
        thread.start();
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /** The JDK client limited to the one TLS policy's versions and suites, host names checked. */
    static HttpClient client(Duration timeout, SSLContext trust) {
        SSLParameters p = new SSLParameters();
        p.setProtocols(TlsPolicy.TLS12_PLUS.protocolNames().toArray(String[]::new));
        p.setCipherSuites(TlsPolicy.TLS12_PLUS.cipherSuiteNames().toArray(String[]::new));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return HttpClient.newBuilder().sslContext(trust).sslParameters(p)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Queues an alert; returns at once. Events that are not alerts are ignored. */
    @Override
    public void accept(VaultEvent e) {
        if (e.type().alert() && !queue.offer(e)) {
            LOG.warn("webhook queue full: alert not sent ({})", e.message());
        }
    }

    private void run() {
        while (true) {
            VaultEvent e;
            try {
                e = queue.take();
            } catch (InterruptedException ex) {
                return;
            }
            if (e == STOP) {
                return;
            }
            for (WebhookUrl url : store.list()) {
                deliver(url, e);
            }
        }
    }

    private void deliver(WebhookUrl url, VaultEvent e) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(e.toJson());
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        HttpRequest request = HttpRequest.newBuilder(url.uri()).timeout(delivery.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "lifeboat-vault")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        Duration wait = delivery.firstBackoff();
        for (int attempt = 1; attempt <= delivery.attempts(); attempt++) {
            String failure;
            try {
                HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return;
                }
                failure = "HTTP " + r.statusCode();
            } catch (IOException ex) {
                failure = ex.toString();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            LOG.warn("webhook {} attempt {}/{} for {} failed: {}", url, attempt, delivery.attempts(), e.type().id(), failure);
            if (attempt < delivery.attempts() && !sleep(wait)) {
                return;
            }
            wait = wait.multipliedBy(2);
        }
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops after the alerts already queued are delivered (or their attempts run out). */
    @Override
    public void close() {
        if (!queue.offer(STOP)) {
            thread.interrupt();
        }
    }
}
