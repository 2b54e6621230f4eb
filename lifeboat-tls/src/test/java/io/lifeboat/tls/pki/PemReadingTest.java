package io.lifeboat.tls.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.engine.PemIdentity;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates and keys read from PEM by the JDK's parsers, as Bouncy Castle's parser read them
 * before: the same objects from what Lifeboat writes, the older key forms still read, and bad input
 * refused with an error naming its source. And a fresh JVM that reads an identity loads no class
 * of Bouncy Castle ({@link PemIdentityProbe}, {@code -verbose:class}).
 */
class PemReadingTest {
    @TempDir
    Path dir;

    @Test
    void whatLifeboatWritesIsReadBackTheSame() throws Exception {
        HeldCertificate ca = new CertificateBuilder().commonName("ca").certificateAuthority(0).build();
        HeldCertificate ec = new CertificateBuilder().commonName("m").signedBy(ca).build();
        HeldCertificate rsa = new CertificateBuilder().commonName("r").keyPair(KeyPairs.rsa(2048)).build();
        Pem.writeCertificates(dir.resolve("chain.crt"), ec.certificate(), ca.certificate());
        assertThat(PemReading.readCertificates(dir.resolve("chain.crt")))
                .containsExactly(ec.certificate(), ca.certificate());
        for (HeldCertificate held : List.of(ec, rsa)) {
            Pem.writePrivateKey(dir.resolve("k.key"), held.keyPair());
            PrivateKey back = PemReading.readPrivateKey(dir.resolve("k.key"));
            PrivateKey byBouncyCastle = OlderPemKeys.parse(Files.readString(dir.resolve("k.key")), "k.key");
            assertThat(back.getAlgorithm()).isEqualTo(held.keyPair().getPrivate().getAlgorithm());
            assertThat(back).isEqualTo(byBouncyCastle);
            assertThat(back.getEncoded()).isEqualTo(byBouncyCastle.getEncoded());
        }
    }

    @Test
    void textAroundAndOtherBlocksAreSkipped() throws Exception {
        HeldCertificate one = new CertificateBuilder().commonName("one").build();
        HeldCertificate two = new CertificateBuilder().commonName("two").build();
        String pem = "subject=CN = one\r\n" + Pem.toPem(one.certificate()).replace("\n", "\r\n")
                + block("X509 CRL", new byte[] {0x30, 0}) + "issuer: whoever\n"
                + Pem.toPem(two.certificate()).replace("CERTIFICATE", "X509 CERTIFICATE") + "trailing text\n";
        assertThat(PemReading.parseCertificates(pem, "t")).containsExactly(one.certificate(), two.certificate());
    }

    @Test
    void olderKeyFormsAreStillRead() throws Exception {
        KeyPair ec = KeyPairs.ecP256();
        byte[] pkcs8 = Base64.getMimeDecoder().decode(Pem.privateKeyPem(ec).replaceAll("-----[A-Z ]+-----", ""));
        byte[] sec1 = PrivateKeyInfo.getInstance(pkcs8).parsePrivateKey().toASN1Primitive().getEncoded();
        PrivateKey back = PemReading.parsePrivateKey(new StringReader(block("EC PRIVATE KEY", sec1)), "t");
        assertThat(((ECPrivateKey) back).getS()).isEqualTo(((ECPrivateKey) ec.getPrivate()).getS());
        KeyPair rsa = KeyPairs.rsa(2048);
        byte[] pkcs1 = PrivateKeyInfo.getInstance(rsa.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive()
                .getEncoded();
        back = PemReading.parsePrivateKey(new StringReader(block("RSA PRIVATE KEY", pkcs1)), "t");
        assertThat(((RSAPrivateCrtKey) back).getPrivateExponent())
                .isEqualTo(((RSAPrivateCrtKey) rsa.getPrivate()).getPrivateExponent());
    }

    @Test
    void badInputIsRefusedNamingItsSource() throws Exception {
        String cert = Pem.toPem(new CertificateBuilder().commonName("c").build().certificate());
        String key = Pem.privateKeyPem(KeyPairs.ecP256());
        assertRefused(PemReading::parseCertificates, "no certificate here\n", "no PEM certificate found");
        assertRefused(PemReading::parseCertificates, cert.substring(0, cert.length() / 2), "has no \"-----END CERTIFICATE-----\"");
        assertRefused(PemReading::parseCertificates, cert.replaceFirst("\n[A-Za-z0-9+/]{8}", "\n%%%%%%%%"), "not valid base64");
        assertRefused(PemReading::parseCertificates, block("CERTIFICATE", new byte[] {0x30, 3, 1, 1, 0}), "not a valid certificate");
        assertRefused(PemReadingTest::key, "", "no unencrypted PEM private key found");
        assertRefused(PemReadingTest::key, cert, "no unencrypted PEM private key found");
        assertRefused(PemReadingTest::key, block("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0}), "");
        assertRefused(PemReadingTest::key, block("PRIVATE KEY", new byte[] {0x30, 5, 2, 1, 0, 0x30, 0}), "not a PKCS#8 private key");
        assertRefused(PemReadingTest::key, block("PRIVATE KEY", new byte[] {0x30, 9, 2, 1, 0, 0x30, 4, 6, 2, 0x2a, 3}),
                "unknown algorithm (1.2.3)");
        byte[] ecDer = Base64.getMimeDecoder().decode(key.replaceAll("-----[A-Z ]+-----", ""));
        ecDer[ecDer.length / 2] ^= (byte) 0xff;
        assertRefused(PemReadingTest::key, block("PRIVATE KEY", java.util.Arrays.copyOf(ecDer, 40)), "");

        Files.writeString(dir.resolve("m.crt"), cert);
        Files.writeString(dir.resolve("m.key"), key.substring(0, key.length() - 30));
        assertThatThrownBy(() -> PemIdentity.of(dir.resolve("m.crt"), dir.resolve("m.key")))
                .isInstanceOf(LifeboatException.class).hasMessageContaining(dir.resolve("m.key") + ": ");
    }

    @Test
    void readingAnIdentityLoadsNoBouncyCastleClass() throws Exception {
        HeldCertificate held = new CertificateBuilder().commonName("m").build();
        held.writeTo(dir, "machine");
        List<String> bouncyCastle = new ArrayList<>();
        String out = probe(dir.resolve("machine.crt"), dir.resolve("machine.key"));
        for (String line : out.split("\n")) {
            if (line.contains(" org.bouncycastle.")) {
                bouncyCastle.add(line);
            }
        }
        assertThat(out).contains("probe: identity read, certificate CN=m");
        assertThat(bouncyCastle).isEmpty();
    }

    private interface Parse {
        Object parse(String pem, String where) throws IOException;
    }

    private static void assertRefused(Parse parse, String pem, String message) {
        assertThatThrownBy(() -> parse.parse(pem, "the file f.pem")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the file f.pem: ").hasMessageContaining(message);
    }

    private static PrivateKey key(String pem, String where) throws IOException {
        return PemReading.parsePrivateKey(new StringReader(pem), where);
    }

    private static String block(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** Runs {@link PemIdentityProbe} in a fresh JVM with {@code -verbose:class}; its output. */
    private static String probe(Path certificate, Path key) throws IOException, InterruptedException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:off", "-verbose:class", "-cp", System.getProperty("java.class.path"),
                PemIdentityProbe.class.getName(), certificate.toString(), key.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the probe ended").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
