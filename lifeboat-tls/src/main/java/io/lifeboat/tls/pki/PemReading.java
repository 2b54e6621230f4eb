package io.lifeboat.tls.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates and private keys read from PEM with the JDK's own parsers ({@link
 * CertificateFactory}, {@link Pkcs8}'s {@code KeyFactory}). Every agent command reads its identity
 * at its start: through Bouncy Castle's PEM parser that loaded and initialised 154 of its classes
 * (its ASN.1 objects, its algorithm tables) to hand the same bytes on to these same JDK parsers.
 * Nothing here refers to Bouncy Castle, so a JVM that reads its identity does not load it; only a
 * key in an older form goes to {@link OlderPemKeys}.
 */
public final class PemReading {

    private PemReading() {
    }

    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        return parseCertificates(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    /**
     * The certificates of the PEM blocks labelled {@code CERTIFICATE} (or the older {@code X509
     * CERTIFICATE}), in order; other blocks are skipped.
     *
     * @param where names the source in error messages
     */
    public static List<X509Certificate> parseCertificates(String pem, String where) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory factory = null;
        for (PemBlocks.Block b : PemBlocks.parse(pem, where).blocks()) {
            if (!b.label().equals("CERTIFICATE") && !b.label().equals("X509 CERTIFICATE")) {
                continue;
            }
            try {
                if (factory == null) {
                    factory = CertificateFactory.getInstance("X.509");
                }
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
            } catch (CertificateException e) {
                throw new IOException(where + ": not a valid certificate: " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new IOException(where + ": no PEM certificate found");
        }
        return out;
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException {
        return parsePrivateKey(Files.newBufferedReader(file, StandardCharsets.US_ASCII), file.toString());
    }

    /**
     * The private key of the first PEM block. An unencrypted PKCS#8 key ({@code PRIVATE KEY}, the
     * form {@link Pem#writePrivateKey} writes) is read here; any other form (SEC1's {@code EC PRIVATE
     * KEY}, PKCS#1's {@code RSA PRIVATE KEY}, an encrypted key) by {@link OlderPemKeys}, which reads
     * the older forms and refuses an encrypted one, as before.
     *
     * @param where names the source in error messages
     */
    public static PrivateKey parsePrivateKey(Reader reader, String where) throws IOException {
        String text;
        try (reader) {
            StringWriter sw = new StringWriter();
            reader.transferTo(sw);
            text = sw.toString();
        }
        List<PemBlocks.Block> blocks = PemBlocks.parse(text, where).blocks();
        if (!blocks.isEmpty() && blocks.get(0).label().equals("PRIVATE KEY") && !blocks.get(0).hasHeaders()) {
            return Pkcs8.privateKey(blocks.get(0).der(), where);
        }
        return OlderPemKeys.parse(text, where);
    }
}
