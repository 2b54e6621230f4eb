package io.lifeboat.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.backend.MemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vault.json and the store: a vault.json from before stores means the vault's own folder; a store is
 * recorded as given; a body limit an agent's block batches would not fit is refused at start.
 */
class VaultConfigStoreTest {
    @TempDir
    Path tmp;

    @Test
    void aVaultJsonWithoutAStoreKeepsTheRepositoryInTheVaultFolder() throws Exception {
        VaultLayout layout = new VaultLayout(Files.createDirectories(tmp.resolve("V")));
        Files.writeString(layout.config(), "{\"listen\":\"127.0.0.1:7443\",\"hosts\":[],\"certificateDays\":30,\"bodyLimit\":67108864}");
        VaultConfig c = VaultConfig.read(layout);
        assertThat(c.store()).isNull();
        assertThat(c.credentialsFile()).isNull();
    }

    @Test
    void initRecordsTheStoreAndTheCredentialsFileNeverASecret() throws Exception {
        VaultLayout layout = new VaultLayout(tmp.resolve("V"));
        MemoryBackend store = new MemoryBackend();
        Vault.initOnStore(layout, List.of(), VaultConfig.DEFAULT_LISTEN, store, "/etc/lifeboat/azure.conn", Clock.systemUTC());
        VaultConfig c = VaultConfig.read(layout);
        assertThat(c.store()).isEqualTo(store.location());
        assertThat(c.credentialsFile()).isEqualTo("/etc/lifeboat/azure.conn");
        assertThat(Files.readString(layout.config())).doesNotContain("AccountKey");
        assertThat(Vault.open(layout, store, Clock.systemUTC()).config()).isEqualTo(c);
    }

    @Test
    void aBodyLimitSmallerThanABlockBatchIsRefusedSayingTheSmallest() throws Exception {
        VaultLayout layout = new VaultLayout(Files.createDirectories(tmp.resolve("V")));
        Files.writeString(layout.config(), "{\"listen\":\"127.0.0.1:7443\",\"hosts\":[],\"certificateDays\":30,\"bodyLimit\":8388608}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VaultConfig.read(layout))
                .hasMessageContaining("bodyLimit 8388608 is too small").hasMessageContaining("at least 33554432 bytes");
        Files.writeString(layout.config(), "{\"listen\":\"127.0.0.1:7443\",\"hosts\":[],\"certificateDays\":30,\"bodyLimit\":33554432}");
        assertThat(VaultConfig.read(layout).bodyLimit()).isEqualTo(33554432L);
    }
}
