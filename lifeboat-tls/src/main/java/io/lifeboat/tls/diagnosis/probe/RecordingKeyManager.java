package io.lifeboat.tls.diagnosis.probe;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the machine certificate (if any) and records whether the server asked for one: the
 * engine calls {@code chooseEngineClientAlias} exactly when a CertificateRequest arrives, in TLS
 * 1.2 and 1.3 alike (where the request itself is encrypted and invisible on the wire).
 */
final class RecordingKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "machine";
    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private volatile boolean requested;
    private volatile boolean presented;

    RecordingKeyManager(List<X509Certificate> chain, PrivateKey key) {
        this.chain = chain;
        this.key = key;
    }

    boolean requested() {
        return requested;
    }

    boolean presented() {
        return presented;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        requested = true;
        if (key == null || chain.isEmpty()) {
            return null;
        }
        String mine = chain.get(0).getPublicKey().getAlgorithm();
        for (String t : keyTypes) {
            if (t.equals(mine) || (mine.equals("EC") && t.startsWith("EC")) || (mine.equals("RSA") && t.startsWith("RSA"))) {
                presented = true;
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return chooseEngineClientAlias(keyTypes, issuers, null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.toArray(X509Certificate[]::new) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return key == null ? new String[0] : new String[] {ALIAS};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[0];
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
