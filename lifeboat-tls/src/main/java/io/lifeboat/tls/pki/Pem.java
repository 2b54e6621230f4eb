package io.lifeboat.tls.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM writing, and certificate requests (reading certificates and keys is {@link PemReading}'s, with
 * the JDK alone). Private keys are written as unencrypted PKCS#8 with mode 0600 from the moment the
 * file exists (never world-readable for an instant), and replaced atomically.
 */
public final class Pem {

    private Pem() {
    }

    public static String toPem(Object object) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            if (object instanceof PrivateKey key) {
                w.writeObject(new JcaPKCS8Generator(key, null).generate());
            } else {
                w.writeObject(object);
            }
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding failed", e);
        }
        return sw.toString();
    }

    public static void writeCertificates(Path file, X509Certificate... chain) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : chain) {
            sb.append(toPem(c));
        }
        writeAtomically(file, sb.toString(), false);
    }

    /** Writes the private half of {@code keys} (see {@link #privateKeyPem}) with mode 0600. */
    public static void writePrivateKey(Path file, KeyPair keys) throws IOException {
        writeAtomically(file, privateKeyPem(keys), true);
    }

    /**
     * PKCS#8 PEM of a private key. The JDK encodes an EC key without its public point, which GnuTLS
     * (and some HSM import tools) refuse; so an EC key is written with the public key and curve
     * inside its ECPrivateKey structure, as OpenSSL writes it.
     */
    public static String privateKeyPem(KeyPair keys) {
        PrivateKey key = keys.getPrivate();
        if (!(key instanceof ECPrivateKey ecKey)) {
            return toPem(key);
        }
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        try {
            org.bouncycastle.asn1.sec.ECPrivateKey inner =
                    org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
            DERBitString publicPoint = new DERBitString(
                    SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData().getBytes());
            ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
            var complete = new org.bouncycastle.asn1.sec.ECPrivateKey(ecKey.getParams().getOrder().bitLength(),
                    inner.getKey(), publicPoint, curve);
            return toPem("PRIVATE KEY", new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), complete).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the EC private key: " + e.getMessage(), e);
        }
    }

    public static void writeCsr(Path file, PKCS10CertificationRequest csr) throws IOException {
        writeAtomically(file, toPem(csr), false);
    }

    /** Reading is {@link PemReading}'s (the JDK's parsers alone); these are kept for its callers. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        return PemReading.readCertificates(file);
    }

    /** @param where names the source in error messages */
    public static List<X509Certificate> parseCertificates(String pem, String where) throws IOException {
        return PemReading.parseCertificates(pem, where);
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException {
        return PemReading.readPrivateKey(file);
    }

    /** @param where names the source in error messages */
    public static PrivateKey parsePrivateKey(Reader reader, String where) throws IOException {
        return PemReading.parsePrivateKey(reader, where);
    }

    public static PKCS10CertificationRequest parseCsr(String pem, String where) throws IOException {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o = p.readObject();
            if (o instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
            throw new IOException(where + ": not a PEM certificate signing request");
        }
    }

    /** PEM text of raw DER under a label, e.g. for a CSR sent over the wire. */
    public static String toPem(String label, byte[] der) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(new PemObject(label, der));
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding failed", e);
        }
        return sw.toString();
    }

    /**
     * Temp file in the same folder (created owner-only when {@code secret}: 0600, or an owner-only ACL on
     * Windows; {@link FileAccess}), fsync, then rename over {@code file}.
     */
    static void writeAtomically(Path file, String text, boolean secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            if (secret) {
                FileAccess.createOwnerOnly(tmp);
            } else {
                Files.createFile(tmp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + tmp + ": another writer is active", e);
        }
        try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
