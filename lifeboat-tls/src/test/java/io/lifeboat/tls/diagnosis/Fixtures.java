package io.lifeboat.tls.diagnosis;

import io.lifeboat.tls.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Named evidence values: each one reads as what a connection attempt saw. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private Fixtures() {
    }

    static ConnectionEvidence.Builder connected() {
        return ConnectionEvidence.builder("vault.example", 8443, NOW).timeout(Duration.ofSeconds(5))
                .socket(SocketOutcome.CONNECTED, null);
    }

    static ConnectionEvidence.Builder handshakeDone() {
        return connected().handshakeCompleted(ProtocolVersion.TLS_1_3, "TLS_AES_128_GCM_SHA256")
                .serverCertificate(goodChain().build());
    }

    /** A chain from the expected CA, in date, naming the host: the judge would say "trusted". */
    static Chain goodChain() {
        return new Chain();
    }

    static HttpAnswer http(int status, String body) {
        return new HttpAnswer(status, "HTTP/1.1 " + status + " X", null, body);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Builds CertificateFindings field by field, starting from a good chain. */
    static final class Chain {
        String issuer = "CN=Lifeboat CA";
        Instant notBefore = NOW.minus(Duration.ofDays(1));
        Instant notAfter = NOW.plus(Duration.ofDays(29));
        boolean selfSigned;
        AnchorSource source = AnchorSource.VAULT_CA;
        boolean chains = true;
        boolean hostname = true;
        String vendor;
        boolean trusted = true;
        String failure;

        Chain refused(String why) {
            trusted = false;
            failure = why;
            return this;
        }

        Chain issuer(String dn, boolean chainsToAnchor) {
            issuer = dn;
            chains = chainsToAnchor;
            return this;
        }

        Chain selfSigned() {
            selfSigned = true;
            chains = false;
            issuer = "CN=vault.example";
            return this;
        }

        Chain source(AnchorSource s) {
            source = s;
            return this;
        }

        Chain validity(Instant from, Instant until) {
            notBefore = from;
            notAfter = until;
            return this;
        }

        Chain wrongName() {
            hostname = false;
            return this;
        }

        Chain vendor(String v) {
            vendor = v;
            return this;
        }

        CertificateFindings build() {
            return new CertificateFindings("CN=vault.example", issuer, List.of("vault.example"), notBefore, notAfter, 1,
                    selfSigned, source, chains, NOW.isAfter(notAfter), NOW.isBefore(notBefore), hostname, vendor,
                    trusted, failure);
        }
    }

    static ClientCertificateFindings machine(boolean presented) {
        return new ClientCertificateFindings("CN=web-01", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)),
                false, false, true, presented);
    }
}
