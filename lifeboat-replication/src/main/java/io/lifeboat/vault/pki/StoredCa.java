package io.lifeboat.vault.pki;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.pki.HeldCertificate;
import io.lifeboat.tls.pki.Pem;
import io.lifeboat.vault.store.JsonFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * The vault's CA in the store: one record, {@code state/vault/ca.json}, written once (create-only) by
 * {@code vault init --store}: {@code {"format":1,"certificate":PEM,"sealedKey":base64}}. The private
 * key is only ever there sealed ({@link SealedCaKey}); one record, so a store holds a whole CA or none.
 */
public final class StoredCa {
    public static final Handle FILE = new Handle(FileType.STATE, "vault/ca.json");
    static final int FORMAT = 1;

    private StoredCa() {
    }

    /** The record as stored. */
    record Record(int format, String certificate, String sealedKey) {
    }

    /**
     * Stores the CA sealed under {@code key}.
     *
     * @throws LifeboatException USAGE when the store already holds a vault's CA (nothing is changed)
     */
    public static void create(Backend store, HeldCertificate ca, VaultKey key) throws IOException {
        byte[] sealed = SealedCaKey.seal(ca.keyPair(), key, store.location());
        Record r = new Record(FORMAT, Pem.toPem(ca.certificate()), Base64.getEncoder().encodeToString(sealed));
        if (!store.create(FILE, JsonFiles.MAPPER.writeValueAsBytes(r))) {
            throw alreadyAVault(store); // another init won a race with this one
        }
    }

    /**
     * Checks, before anything is made, that the store holds no vault yet.
     *
     * @throws LifeboatException USAGE naming {@code vault join} when it does
     */
    public static void requireNone(Backend store) throws IOException {
        if (store.size(FILE).isPresent()) {
            throw alreadyAVault(store);
        }
    }

    private static LifeboatException alreadyAVault(Backend store) {
        return new LifeboatException(LifeboatException.Kind.USAGE, store.location() + " already holds a vault:"
                + " add this node with `lifeboat vault join --store " + store.location() + " --key-file VAULT/vault.key`,"
                + " or give another store (or prefix); nothing was written");
    }

    /**
     * Reads the CA and opens its key.
     *
     * @param keyFile names the key in messages
     * @throws LifeboatException USAGE when the store holds no vault, the key does not open it, or the record is newer or damaged
     */
    public static HeldCertificate open(Backend store, VaultKey key, String keyFile) throws IOException {
        String where = store.location() + "/" + FILE;
        byte[] json;
        try {
            json = store.read(FILE);
        } catch (NoSuchFileException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, store.location() + " holds no vault (no " + FILE
                    + "): make one with `lifeboat vault init --store " + store.location() + "`");
        }
        Record r;
        try {
            r = JsonFiles.MAPPER.readValue(json, Record.class);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, where + " is damaged: " + e.getMessage(), e);
        }
        if (r.format() > FORMAT) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, where + " is in format " + r.format()
                    + ", written by a newer Lifeboat (this one reads " + FORMAT + "): upgrade Lifeboat on this node");
        }
        X509Certificate cert;
        byte[] sealed;
        try {
            cert = Pem.parseCertificates(r.certificate(), where).get(0);
            sealed = Base64.getDecoder().decode(r.sealedKey());
        } catch (IOException | RuntimeException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, where + " is damaged: " + e.getMessage(), e);
        }
        PrivateKey privateKey = SealedCaKey.open(sealed, key, store.location(), where + " with " + keyFile);
        return new HeldCertificate(cert, new KeyPair(cert.getPublicKey(), privateKey));
    }
}
