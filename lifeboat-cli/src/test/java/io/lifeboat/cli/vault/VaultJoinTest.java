package io.lifeboat.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.cli.testing.InProcessCli;
import io.lifeboat.cli.testing.InProcessCli.Run;
import io.lifeboat.repository.backend.azure.Azurite;
import io.lifeboat.repository.backend.azure.AzuriteExtension;
import io.lifeboat.vault.pki.VaultKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vault join} on Azurite: a second node made with the first node's vault key shares its state
 * (a policy set through one is the other's); a wrong key, a store without a vault, a store that is
 * not there or a wrong connection string is one line naming it, and nothing is written.
 */
class VaultJoinTest {
    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();
    @TempDir
    Path tmp;

    private Path credentials() throws Exception {
        Path f = tmp.resolve("azure.conn");
        Files.writeString(f, AZURITE.get().connectionString());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private Run join(Path dir, String store, Path key) throws Exception {
        return InProcessCli.run("vault", "join", "--dir", dir.toString(), "--store", store, "--key-file", key.toString(),
                "--listen", "127.0.0.1:0", "--host", "node2.test", "--credentials-file", credentials().toString());
    }

    @Test
    void aSecondNodeSharesTheFirstsState() throws Exception {
        String store = "azure-blob://" + AZURITE.get().newContainer() + "/site-a";
        Path v1 = tmp.resolve("V1");
        Run init = InProcessCli.run("vault", "init", "--dir", v1.toString(), "--store", store,
                "--credentials-file", credentials().toString(), "--listen", "127.0.0.1:0");
        assertThat(init.code()).as(init.toString()).isZero();
        Path v2 = tmp.resolve("V2");
        Run r = join(v2, store, v1.resolve("vault.key"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("node created in " + v2).contains("for the vault in " + store);
        assertThat(Files.readString(v2.resolve("ca.crt"))).isEqualTo(Files.readString(v1.resolve("ca.crt")));
        assertThat(VaultKey.read(v2.resolve("vault.key"))).isEqualTo(VaultKey.read(v1.resolve("vault.key")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(v2.resolve("vault.key")))).isEqualTo("rw-------");

        Run set = InProcessCli.run("vault", "policy", "--dir", v1.toString(), "--keep-last", "7");
        assertThat(set.code()).as(set.toString()).isZero();
        Run seen = InProcessCli.run("vault", "policy", "--dir", v2.toString(), "--json");
        assertThat(seen.code()).as(seen.toString()).isZero();
        Run machines = InProcessCli.run("vault", "machines", "--dir", v2.toString());
        assertThat(machines.code()).as(machines.toString()).isZero();
        assertThat(machines.out()).contains("no machines enrolled");
    }

    @Test
    void aWrongKeyWritesNothing() throws Exception {
        String store = "azure-blob://" + AZURITE.get().newContainer();
        Path v1 = tmp.resolve("V1");
        assertThat(InProcessCli.run("vault", "init", "--dir", v1.toString(), "--store", store,
                "--credentials-file", credentials().toString()).code()).isZero();
        Path wrong = tmp.resolve("other.key");
        VaultKey.generate().write(wrong);
        Path v2 = tmp.resolve("V2");
        Run r = join(v2, store, wrong);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(store + "/state/vault/ca.json with " + wrong + ": this vault key does not open the CA key");
        assertThat(v2).doesNotExist();

        Files.writeString(wrong, "not a key\n");
        Run garbled = join(v2, store, wrong);
        assertThat(garbled.code()).isEqualTo(2);
        assertThat(garbled.err()).contains(wrong + " is not a Lifeboat vault key");
        assertThat(v2).doesNotExist();
    }

    @Test
    void aStoreWithoutAVaultOrWithoutAContainerWritesNothing() throws Exception {
        Path key = tmp.resolve("vault.key");
        VaultKey.generate().write(key);
        String empty = "azure-blob://" + AZURITE.get().newContainer();
        Path v2 = tmp.resolve("V2");
        Run r = join(v2, empty, key);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(empty + " holds no vault").contains("lifeboat vault init --store " + empty);
        assertThat(v2).doesNotExist();
        Run gone = join(v2, "azure-blob://never-made", key);
        assertThat(gone.code()).isEqualTo(2);
        assertThat(gone.err()).contains("has no container \"never-made\"");
        assertThat(v2).doesNotExist();
        assertThat(AZURITE.get().blobNames(empty.substring("azure-blob://".length()))).isEmpty();

        Path wrongAccountKey = tmp.resolve("wrong.conn");
        Files.writeString(wrongAccountKey, AZURITE.get().wrongKeyConnectionString());
        Files.setPosixFilePermissions(wrongAccountKey, PosixFilePermissions.fromString("rw-------"));
        Run refused = InProcessCli.run("vault", "join", "--dir", v2.toString(), "--store", empty, "--key-file", key.toString(),
                "--listen", "127.0.0.1:0", "--credentials-file", wrongAccountKey.toString());
        assertThat(refused.code()).isEqualTo(11);
        assertThat(refused.err()).contains(empty + " on account devstoreaccount1: the account refused the credentials");
        assertThat(v2).doesNotExist();
    }
}
