package io.lifeboat.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.http.ConnectionGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code connections} in vault.json: absent or partial means the defaults where it is silent; a share
 * an agent could not work with, or one that contradicts another, is refused naming the file and the field.
 */
class ConnectionSharesTest {
    private static final String BASE = "\"listen\":\"127.0.0.1:7443\",\"hosts\":[],\"certificateDays\":30,\"bodyLimit\":67108864";

    @TempDir
    Path tmp;

    private VaultConfig read(String connections) throws Exception {
        VaultLayout layout = new VaultLayout(Files.createDirectories(tmp.resolve("V")));
        Files.writeString(layout.config(), "{" + BASE + (connections == null ? "" : ",\"connections\":" + connections) + "}");
        return VaultConfig.read(layout);
    }

    @Test
    void aVaultJsonWithoutConnectionsKeepsTheDefaults() throws Exception {
        assertThat(read(null).connectionLimits()).isEqualTo(ConnectionGuard.Limits.DEFAULT);
        assertThat(read("{}").connectionLimits()).isEqualTo(ConnectionGuard.Limits.DEFAULT);
    }

    @Test
    void aFieldSetChangesOnlyItsOwnLimit() throws Exception {
        ConnectionGuard.Limits d = ConnectionGuard.Limits.DEFAULT;
        ConnectionGuard.Limits l = read("{\"perMachine\":16}").connectionLimits();
        assertThat(l).isEqualTo(new ConnectionGuard.Limits(16, d.perAddress(), d.withoutCertificate(), d.idle(), d.silent()));
        l = read("{\"perAddress\":512,\"withoutCertificate\":4096}").connectionLimits();
        assertThat(l).isEqualTo(new ConnectionGuard.Limits(d.perMachine(), 512, 4096, d.idle(), d.silent()));
    }

    @Test
    void anAddressShareAboveTheDefaultTotalRaisesTheTotalWithIt() throws Exception {
        // behind a load balancer every client without a certificate comes from one address: its share is the total
        ConnectionGuard.Limits l = read("{\"perAddress\":2000}").connectionLimits();
        assertThat(l.perAddress()).isEqualTo(2000);
        assertThat(l.withoutCertificate()).isEqualTo(2000);
    }

    @Test
    void sharesAnAgentCannotWorkWithAreRefusedNamingTheFileAndTheField() {
        Path file = tmp.resolve("V").resolve("vault.json");
        assertThatThrownBy(() -> read("{\"perMachine\":4}")).isInstanceOf(LifeboatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("connections.perMachine is 4")
                .hasMessageContaining("at least 8").hasMessageNotContaining("damaged");
        assertThatThrownBy(() -> read("{\"perAddress\":0}")).hasMessageContaining("connections.perAddress is 0");
        assertThatThrownBy(() -> read("{\"perAddress\":100,\"withoutCertificate\":50}"))
                .hasMessageContaining("connections.withoutCertificate is 50").hasMessageContaining("at least perAddress (100)");
    }

    @Test
    void aConnectionsValueThatIsNotANumberIsReportedAsDamage() {
        assertThatThrownBy(() -> read("{\"perMachine\":\"many\"}")).isInstanceOf(LifeboatException.class)
                .hasMessageContaining("is damaged");
    }
}
