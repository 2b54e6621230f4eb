package io.lifeboat.vault.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.MemoryBackend;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.pki.HeldCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA in the store: opens with its vault key only, in its own store only; a newer or damaged record says so. */
class StoredCaTest {
    @TempDir
    Path tmp;

    private final HeldCertificate ca = VaultAuthority.newCa("Lifeboat vault CA", Clock.systemUTC());
    private final VaultKey key = VaultKey.generate();

    @Test
    void opensWithItsKeyAndNothingElse() throws Exception {
        MemoryBackend store = new MemoryBackend();
        StoredCa.create(store, ca, key);
        HeldCertificate opened = StoredCa.open(store, key, "V/vault.key");
        assertThat(opened.certificate()).isEqualTo(ca.certificate());
        // the opened key is the CA's: what it signs, the CA certificate's public key verifies
        java.security.Signature sign = java.security.Signature.getInstance("SHA256withECDSA");
        sign.initSign(opened.keyPair().getPrivate());
        sign.update(new byte[] {1, 2, 3});
        byte[] signature = sign.sign();
        java.security.Signature verify = java.security.Signature.getInstance("SHA256withECDSA");
        verify.initVerify(ca.certificate().getPublicKey());
        verify.update(new byte[] {1, 2, 3});
        assertThat(verify.verify(signature)).isTrue();
        assertThatThrownBy(() -> StoredCa.open(store, VaultKey.generate(), "other.key")).isInstanceOf(LifeboatException.class)
                .hasMessageContaining(store.location() + "/state/vault/ca.json with other.key: this vault key does not open the CA key");
        assertThatThrownBy(() -> StoredCa.create(store, ca, key)).hasMessageContaining("already holds a vault")
                .hasMessageContaining("vault join");
        assertThatThrownBy(() -> StoredCa.requireNone(store)).hasMessageContaining("already holds a vault");
    }

    @Test
    void aSealedKeyCopiedToAnotherStoreDoesNotOpenThere() throws Exception {
        MemoryBackend first = new MemoryBackend();
        MemoryBackend second = new MemoryBackend();
        StoredCa.create(first, ca, key);
        second.create(StoredCa.FILE, first.read(StoredCa.FILE)); // same bytes, another store URL
        assertThatThrownBy(() -> StoredCa.open(second, key, "V/vault.key")).hasMessageContaining("does not open the CA key");
    }

    @Test
    void aNewerFormatOrSealVersionIsRefusedNamingTheUpgrade() throws Exception {
        MemoryBackend store = new MemoryBackend();
        store.create(StoredCa.FILE, "{\"format\":2,\"certificate\":\"x\",\"sealedKey\":\"eA==\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> StoredCa.open(store, key, "V/vault.key")).isInstanceOf(LifeboatException.class)
                .hasMessageContaining("format 2, written by a newer Lifeboat").hasMessageContaining("upgrade Lifeboat");

        byte[] sealed = SealedCaKey.seal(ca.keyPair(), key, "azure-blob://c1x");
        sealed[0] = 9;
        assertThatThrownBy(() -> SealedCaKey.open(sealed, key, "azure-blob://c1x", "here")).hasMessageContaining("format 9")
                .hasMessageContaining("upgrade Lifeboat");
    }

    @Test
    void aStoreWithoutAVaultOrWithADamagedRecordSaysSo() throws Exception {
        Backend empty = new MemoryBackend();
        assertThatThrownBy(() -> StoredCa.open(empty, key, "k")).hasMessageContaining("holds no vault")
                .hasMessageContaining("vault init --store");
        MemoryBackend damaged = new MemoryBackend();
        damaged.create(StoredCa.FILE, "{\"format\":1,".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> StoredCa.open(damaged, key, "k")).hasMessageContaining("ca.json is damaged");
    }

    @Test
    void theKeyFileIsOwnerOnlyOneLineAndReadBack() throws Exception {
        Path f = tmp.resolve("vault.key");
        key.write(f);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        assertThat(Files.readString(f)).startsWith("lifeboat-vault-key-v1:").hasLineCount(1);
        assertThat(VaultKey.read(f)).isEqualTo(key);
        assertThat(key.toString()).doesNotContain(Files.readString(f).substring(22, 30));
        assertThatThrownBy(() -> VaultKey.read(tmp.resolve("absent.key"))).hasMessageContaining("does not exist");
    }
}
