package io.lifeboat.tls.engine;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.pki.PemReading;
import io.vertx.core.net.KeyCertOptions;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A machine's or the vault's own TLS identity (certificate chain and private key, PEM files) as
 * Vert.x key options, served by a key manager that simply holds the two.
 *
 * <p>Why not Vert.x's {@code PemKeyCertOptions}: it puts the key into an in-memory PKCS#12 key
 * store under a password, which encrypts and then decrypts the key with 10,000 rounds of PBKDF2 in
 * Java. That was half a second of CPU (and more for the JIT compiling it) at the start of every
 * agent command, for a key that is already on disk in the clear (mode 0600).
 */
public final class PemIdentity {
    private static final String ALIAS = "identity";

    private PemIdentity() {
    }

    /** Reads both files now, so a missing or malformed one is reported here, naming the file. */
    public static KeyCertOptions of(Path certificateChain, Path privateKey) {
        try {
            List<X509Certificate> chain = PemReading.readCertificates(certificateChain);
            PrivateKey key = PemReading.readPrivateKey(privateKey);
            return KeyCertOptions.wrap(new HeldKeyManager(key, chain.toArray(X509Certificate[]::new)));
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot read the TLS identity ("
                    + certificateChain + ", " + privateKey + "): " + e.getMessage(), e);
        }
    }

    /** One identity, offered whatever the peer asks for: the peer's policy decides whether it fits. */
    private static final class HeldKeyManager extends X509ExtendedKeyManager {
        private final PrivateKey key;
        private final X509Certificate[] chain;

        HeldKeyManager(PrivateKey key, X509Certificate[] chain) {
            this.key = key;
            this.chain = chain;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }
    }
}
