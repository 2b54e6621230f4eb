package io.lifeboat.vault.fleet;

import io.lifeboat.agent.AgentEnrolment;
import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.protect.HttpVaultApi;
import io.lifeboat.agent.protect.ProtectListener;
import io.lifeboat.agent.protect.ProtectOptions;
import io.lifeboat.agent.protect.Protector;
import io.lifeboat.agent.protect.RetryPolicy;
import io.lifeboat.agent.protect.StopSignal;
import io.lifeboat.agent.protect.VaultClientTransport;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.vault.HostPort;
import io.lifeboat.vault.MutableClock;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.VaultLayout;
import io.lifeboat.vault.alerts.WebhookSender;
import io.lifeboat.vault.api.EnrolmentToken;
import io.lifeboat.vault.dashboard.LoginTokens;
import io.lifeboat.vault.ops.FleetOps;
import io.lifeboat.vault.replication.ReplicationRoutes;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * A real vault served with fleet operations on a loopback port, in a temporary folder, with a clock
 * the test moves (RPO ages, login and session expiry) and a monitor that checks every 200 ms; real
 * agents enrol and protect files over mutual TLS.
 */
final class FleetLab implements AutoCloseable {
    static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(10));

    final MutableClock clock = new MutableClock();
    final Path root;
    final Vault vault;
    final FleetServer fleet;

    FleetLab(Path root) {
        TlsEngine engine = TlsEngine.select("auto");
        this.root = root;
        this.vault = Vault.init(new VaultLayout(root.resolve("V")), List.of("vault.test"),
                new HostPort("127.0.0.1", 0), clock);
        RepositoryOptions repo = RepositoryOptions.defaults().withClock(clock);
        ReplicationRoutes replication = new ReplicationRoutes(ctx -> Repository.open(new LocalBackend(ctx.layout().repo()),
                repo));
        this.fleet = FleetServer.start(vault, engine, List.of(replication),
                new FleetOps.Options(Duration.ofMillis(200),
                        new WebhookSender.Delivery(Duration.ofSeconds(5), 3, Duration.ofMillis(100))),
                Duration.ofMinutes(30));
    }

    int port() {
        return fleet.server().address().port();
    }

    String base() {
        return "https://127.0.0.1:" + port();
    }

    AgentLayout enrol(String machine) {
        AgentLayout a = new AgentLayout(root.resolve("agent-" + machine));
        AgentEnrolment.enroll(EnrolmentToken.parse(vault.enroll(machine, Duration.ofHours(1))), null, a,
                fleet.server().engine());
        return a;
    }

    /** One protect pass of a fresh 256 KiB file (new content each time) over mutual TLS. */
    PointInfo protect(AgentLayout agent, String name, long seed) throws IOException {
        byte[] data = new byte[256 << 10];
        new Random(seed).nextBytes(data);
        Path source = root.resolve("src-" + agent.dir().getFileName()).resolve(name);
        Files.createDirectories(source.getParent());
        Files.write(source, data);
        try (VaultClientTransport t = VaultClientTransport.open(agent, fleet.server().engine())) {
            StopSignal stop = new StopSignal();
            HttpVaultApi api = new HttpVaultApi(t, t.machine(), FAST, ProtectListener.NONE, stop);
            return new Protector(api, ProtectOptions.defaults().withRetry(FAST), ProtectListener.NONE, stop)
                    .protect(source).point();
        }
    }

    /**
     * A client that offers only TLS 1.1 (a raw ClientHello, as an old Windows would send): answers
     * the alert description the vault sent (70 is protocol_version).
     */
    int legacyTls11Client() throws IOException {
        byte[] body = {
            0x03, 0x02, // client_version TLS 1.1
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32, // random
            0, // session id
            0, 6, (byte) 0xc0, 0x13, (byte) 0xc0, 0x09, 0x00, 0x2f, // ECDHE-RSA/ECDSA-AES128-SHA, AES128-SHA
            1, 0 // compression: null
        };
        byte[] hs = new byte[4 + body.length];
        hs[0] = 1;
        hs[3] = (byte) body.length;
        System.arraycopy(body, 0, hs, 4, body.length);
        byte[] record = new byte[5 + hs.length];
        record[0] = 0x16;
        record[1] = 3;
        record[2] = 1;
        record[4] = (byte) hs.length;
        System.arraycopy(hs, 0, record, 5, hs.length);
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(record);
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] head = new byte[7];
            in.readFully(head);
            if (head[0] != 21) {
                throw new IOException("expected an alert record, got type " + head[0]);
            }
            return head[6] & 0xff;
        }
    }

    String loginUrl(Duration ttl) {
        return base() + "/ui/login?t=" + new LoginTokens(vault.layout().dir(), clock).create(ttl);
    }

    /** An HTTPS client that trusts only this vault's CA, with host names checked; no client certificate. */
    HttpClient https() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(vault.layout().caCertificate())) {
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static void requireEngine() {
        TlsEngine e = TlsEngine.select("auto");
        if (!e.available()) {
            Assumptions.abort("no TLS engine: " + e.unavailableReason());
        }
    }

    @Override
    public void close() {
        fleet.close();
    }
}
