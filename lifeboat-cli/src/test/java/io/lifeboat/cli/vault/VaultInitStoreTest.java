package io.lifeboat.cli.vault;

import static io.lifeboat.cli.testing.InProcessCli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.cli.repo.VaultStore;
import io.lifeboat.cli.testing.InProcessCli.Run;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.backend.azure.AzureBlobBackend;
import io.lifeboat.repository.backend.azure.AzureBlobStore;
import io.lifeboat.repository.backend.azure.Azurite;
import io.lifeboat.repository.backend.azure.AzuriteExtension;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.VaultConfig;
import io.lifeboat.vault.VaultLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vault init --store azure-blob://...} on Azurite: a good store is recorded in vault.json, holds the
 * vault's state, and the read commands open it; every bad one (wrong key, missing container, newer format, a credentials file
 * others can read, an unknown scheme) is refused with one line naming the store, and nothing is written:
 * no vault folder, no blob.
 */
class VaultInitStoreTest {
    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();
    @TempDir
    Path tmp;

    private Path credentials(String connectionString, String mode) throws Exception {
        Path f = tmp.resolve("conn-" + mode);
        Files.writeString(f, connectionString);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    private Run init(Path vault, String store, Path credentials) {
        return run("vault", "init", "--dir", vault.toString(), "--store", store, "--credentials-file", credentials.toString());
    }

    @Test
    void aGoodStoreIsRecordedAndTheReadCommandsOpenIt() throws Exception {
        String container = AZURITE.get().newContainer();
        Path v = tmp.resolve("V");
        Path creds = credentials(AZURITE.get().connectionString(), "rw-------");
        Run r = init(v, "azure-blob://" + container + "/site-a/", creds);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("repository      azure-blob://" + container + "/site-a");
        VaultConfig config = VaultConfig.read(new VaultLayout(v));
        assertThat(config.store()).isEqualTo("azure-blob://" + container + "/site-a");
        assertThat(config.credentialsFile()).isEqualTo(creds.toString());
        assertThat(Files.readString(v.resolve("vault.json"))).doesNotContain("AccountKey");
        // the store holds the vault's state: its CA (the key sealed) and its policy; the folder its key and no CA key
        assertThat(AZURITE.get().blobNames(container)).containsExactly("site-a/state/vault/ca.json", "site-a/state/vault/policy.json");
        assertThat(v.resolve("vault.key")).exists();
        assertThat(v.resolve("ca.key")).doesNotExist();
        assertThat(r.out()).contains("vault key       " + v.resolve("vault.key"));
        Run points = run("points", "--dir", v.toString());
        assertThat(points.code()).as(points.toString()).isZero();
        assertThat(v.resolve("repo")).doesNotExist();
    }

    @Test
    void aWrongKeyIsRefusedAndNothingIsWritten() throws Exception {
        String container = AZURITE.get().newContainer();
        Path v = tmp.resolve("V");
        Run r = init(v, "azure-blob://" + container, credentials(AZURITE.get().wrongKeyConnectionString(), "rw-------"));
        assertThat(r.code()).isEqualTo(11);
        assertThat(r.err()).contains("azure-blob://" + container + " on account devstoreaccount1: the account refused the credentials");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(v).doesNotExist();
        assertThat(AZURITE.get().blobNames(container)).isEmpty();
    }

    @Test
    void aMissingContainerIsRefusedAndNotCreated() throws Exception {
        Path v = tmp.resolve("V");
        Run r = init(v, "azure-blob://not-made-yet/site-a", credentials(AZURITE.get().connectionString(), "rw-------"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("azure-blob://not-made-yet/site-a: account devstoreaccount1 has no container \"not-made-yet\"; create it first");
        assertThat(v).doesNotExist();
        assertThat(AZURITE.get().hasContainer("not-made-yet")).isFalse();
    }

    @Test
    void aStoreOfANewerFormatIsRefusedAndLeftAsItWas() throws Exception {
        String container = AZURITE.get().newContainer();
        try (var b = AzureBlobBackend.open(new AzureBlobStore(container, "site-a"), AZURITE.get().connectionString())) {
            b.create(Handle.CONFIG, "{\"version\":3,\"id\":\"future\"}".getBytes(StandardCharsets.UTF_8));
        }
        Path v = tmp.resolve("V");
        Run r = init(v, "azure-blob://" + container + "/site-a", credentials(AZURITE.get().connectionString(), "rw-------"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("the repository at azure-blob://" + container + "/site-a has format version 3")
                .contains("written by a newer Lifeboat");
        assertThat(v).doesNotExist();
        assertThat(AZURITE.get().blobNames(container)).containsExactly("site-a/config");
    }

    @Test
    void aCredentialsFileOthersCanReadIsRefused() throws Exception {
        Path v = tmp.resolve("V");
        Path creds = credentials(AZURITE.get().connectionString(), "rw-r--r--");
        Run r = init(v, "azure-blob://" + AZURITE.get().newContainer(), creds);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("may be read by others (rw-r--r--); run chmod 600 " + creds);
        assertThat(v).doesNotExist();
    }

    @Test
    void unknownStoresAndStrayCredentialsAreUsageErrors() throws Exception {
        Path v = tmp.resolve("V");
        Run s3 = run("vault", "init", "--dir", v.toString(), "--store", "s3://bucket");
        assertThat(s3.code()).isEqualTo(2);
        assertThat(s3.err()).contains("--store s3://bucket is not a store Lifeboat knows");
        Run stray = run("vault", "init", "--dir", v.toString(), "--credentials-file", credentials("x", "rw-------").toString());
        assertThat(stray.code()).isEqualTo(2);
        assertThat(stray.err()).contains("--credentials-file is for --store azure-blob://");
        assertThat(v).doesNotExist();
    }

    @Test
    void theConnectionStringComesFromTheEnvironmentWhenNoFileIsGiven() {
        assertThatThrownBy(() -> VaultStore.open("azure-blob://c1x", null, null, Map.of()))
                .isInstanceOf(LifeboatException.class)
                .hasMessage("azure-blob://c1x needs the storage account's connection string: set AZURE_STORAGE_CONNECTION_STRING"
                        + " or give --credentials-file FILE (0600) to `vault init`");
        String container = AZURITE.get().newContainer();
        try (var b = VaultStore.open("azure-blob://" + container, null, null,
                Map.of(VaultStore.CONNECTION_STRING_ENV, AZURITE.get().connectionString()))) {
            assertThat(b.location()).isEqualTo("azure-blob://" + container);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
