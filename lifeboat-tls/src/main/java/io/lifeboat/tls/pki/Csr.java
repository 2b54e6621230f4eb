package io.lifeboat.tls.pki;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * PKCS#10 certificate signing requests: the agent makes one for the key pair it keeps, the vault
 * checks its self-signature (proof of possession) and reads the requested name and key from it.
 */
public final class Csr {
    private Csr() {
    }

    public static PKCS10CertificationRequest create(KeyPair keyPair, String commonName) {
        try {
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
            String alg = keyPair.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
                    .build(new JcaContentSignerBuilder(alg).build(keyPair.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the certificate request: " + e.getMessage(), e);
        }
    }

    /** The request's public key, after checking that the request is signed by its private half. */
    public static PublicKey verifiedPublicKey(PKCS10CertificationRequest csr) throws IOException {
        try {
            JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr);
            PublicKey key = jca.getPublicKey();
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new IOException("certificate request signature does not verify (no proof of key possession)");
            }
            return key;
        } catch (OperatorCreationException | PKCSException | java.security.GeneralSecurityException e) {
            throw new IOException("certificate request cannot be verified: " + e.getMessage(), e);
        }
    }

    /** The CN the request asks for, or "" when it has none. */
    public static String commonName(PKCS10CertificationRequest csr) {
        var rdns = csr.getSubject().getRDNs(BCStyle.CN);
        return rdns.length == 0 ? "" : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
