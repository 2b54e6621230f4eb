package io.lifeboat.tls.pki;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A private key in a PEM form other than unencrypted PKCS#8 (SEC1's {@code EC PRIVATE KEY},
 * PKCS#1's {@code RSA PRIVATE KEY}), read by Bouncy Castle's parser, as every key was before {@link
 * PemReading}; an encrypted key, or a first block that holds no key, is refused.
 */
final class OlderPemKeys {

    private OlderPemKeys() {
    }

    /** @param where names the source in error messages, Bouncy Castle's own included */
    static PrivateKey parse(String pem, String where) throws IOException {
        Object o;
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            o = p.readObject();
        } catch (IOException | RuntimeException e) {
            throw new IOException(where + ": not a readable PEM private key: " + e.getMessage(), e);
        }
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        if (o instanceof PrivateKeyInfo info) {
            return named(() -> conv.getPrivateKey(info), where);
        }
        if (o instanceof PEMKeyPair pair) {
            return named(() -> conv.getPrivateKey(pair.getPrivateKeyInfo()), where);
        }
        throw new IOException(where + ": no unencrypted PEM private key found");
    }

    private interface Conversion {
        PrivateKey run() throws IOException;
    }

    private static PrivateKey named(Conversion conversion, String where) throws IOException {
        try {
            return conversion.run();
        } catch (IOException e) {
            throw new IOException(where + ": not a valid private key: " + e.getMessage(), e);
        }
    }
}
