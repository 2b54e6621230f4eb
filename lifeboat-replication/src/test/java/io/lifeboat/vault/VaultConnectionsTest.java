package io.lifeboat.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.vault.http.ConnectionGuard;
import io.lifeboat.vault.http.TlsSockets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The vault's server counts connections with its {@link ConnectionGuard} (the rules themselves:
 * {@code ConnectionGuardTest}): an address without a machine certificate gets its share and no
 * more, while an enrolled machine still gets in; a share set in vault.json is the one the server keeps.
 * Per engine.
 */
@Tag("integration")
class VaultConnectionsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void anAddressWithoutACertificateGetsItsShareOfConnectionsAndAMachineStillGetsIn(TlsEngine engine) throws Exception {
        List<SSLSocket> open = new ArrayList<>();
        try (TestVault v = new TestVault(tmp, engine)) {
            X509Certificate ca = v.vault.authority().ca().certificate();
            HeldCertificate web01 = HeldCertificate.readFrom(v.enrolled("web01").dir(), "machine");
            int share = ConnectionGuard.Limits.DEFAULT.perAddress();
            for (int i = 0; i < share; i++) {
                SSLSocket s = TlsSockets.connect("127.0.0.1", v.port(), ca, null);
                open.add(s);
                assertThat(TlsSockets.get(s, "/health")).as("connection " + (i + 1)).contains("client_certificate_required");
            }
            SSLSocket oneMore = TlsSockets.connect("127.0.0.1", v.port(), ca, null);
            open.add(oneMore);
            assertThat(TlsSockets.closedWithin(oneMore, Duration.ofSeconds(10))).isTrue();

            SSLSocket machine = TlsSockets.connect("127.0.0.1", v.port(), ca, web01);
            open.add(machine);
            assertThat(TlsSockets.get(machine, "/health")).contains("\"machine\"").contains("web01");
        } finally {
            for (SSLSocket s : open) {
                s.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void theShareSetInVaultJsonIsTheOneTheServerKeeps(TlsEngine engine) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(engine.available() || "true".equalsIgnoreCase(System.getenv("CI")),
                () -> engine + " is not available");
        VaultLayout layout = new VaultLayout(tmp.resolve("V"));
        Vault.init(layout, List.of("vault.test"), new HostPort("127.0.0.1", 0), java.time.Clock.systemUTC());
        String json = java.nio.file.Files.readString(layout.config());
        assertThat(json).contains("\"connections\" : null"); // init writes the field, null: the defaults
        java.nio.file.Files.writeString(layout.config(),
                json.replace("\"connections\" : null", "\"connections\" : {\"perAddress\": 3}"));
        Vault vault = Vault.open(layout, java.time.Clock.systemUTC());
        assertThat(vault.config().connectionLimits().perAddress()).isEqualTo(3);
        X509Certificate ca = vault.authority().ca().certificate();
        List<SSLSocket> open = new ArrayList<>();
        VaultServer server = VaultServer.start(vault, engine, List.of());
        try {
            for (int i = 0; i < 3; i++) {
                SSLSocket s = TlsSockets.connect("127.0.0.1", server.address().port(), ca, null);
                open.add(s);
                assertThat(TlsSockets.get(s, "/health")).as("connection " + (i + 1)).contains("client_certificate_required");
            }
            SSLSocket fourth = TlsSockets.connect("127.0.0.1", server.address().port(), ca, null);
            open.add(fourth);
            assertThat(TlsSockets.closedWithin(fourth, Duration.ofSeconds(10))).isTrue();
        } finally {
            for (SSLSocket s : open) {
                s.close();
            }
            server.close();
        }
    }
}
