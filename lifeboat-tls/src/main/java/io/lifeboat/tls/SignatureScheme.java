package io.lifeboat.tls;

import java.util.Optional;

/** Signature schemes (RFC 8446 §4.2.3, plus the TLS 1.2 hash/signature pairs and ML-DSA) with wire ids. */
public enum SignatureScheme {
    RSA_PKCS1_MD5(0x0101, "rsa_pkcs1_md5"),
    RSA_PKCS1_SHA1(0x0201, "rsa_pkcs1_sha1"),
    DSA_SHA1(0x0202, "dsa_sha1"),
    ECDSA_SHA1(0x0203, "ecdsa_sha1"),
    RSA_PKCS1_SHA224(0x0301, "rsa_pkcs1_sha224"),
    DSA_SHA224(0x0302, "dsa_sha224"),
    ECDSA_SHA224(0x0303, "ecdsa_sha224"),
    RSA_PKCS1_SHA256(0x0401, "rsa_pkcs1_sha256"),
    DSA_SHA256(0x0402, "dsa_sha256"),
    ECDSA_SECP256R1_SHA256(0x0403, "ecdsa_secp256r1_sha256"),
    RSA_PKCS1_SHA384(0x0501, "rsa_pkcs1_sha384"),
    ECDSA_SECP384R1_SHA384(0x0503, "ecdsa_secp384r1_sha384"),
    RSA_PKCS1_SHA512(0x0601, "rsa_pkcs1_sha512"),
    ECDSA_SECP521R1_SHA512(0x0603, "ecdsa_secp521r1_sha512"),
    RSA_PSS_RSAE_SHA256(0x0804, "rsa_pss_rsae_sha256"),
    RSA_PSS_RSAE_SHA384(0x0805, "rsa_pss_rsae_sha384"),
    RSA_PSS_RSAE_SHA512(0x0806, "rsa_pss_rsae_sha512"),
    ED25519(0x0807, "ed25519"),
    ED448(0x0808, "ed448"),
    RSA_PSS_PSS_SHA256(0x0809, "rsa_pss_pss_sha256"),
    RSA_PSS_PSS_SHA384(0x080A, "rsa_pss_pss_sha384"),
    RSA_PSS_PSS_SHA512(0x080B, "rsa_pss_pss_sha512"),
    ECDSA_BRAINPOOLP256R1TLS13_SHA256(0x081A, "ecdsa_brainpoolP256r1tls13_sha256"),
    ECDSA_BRAINPOOLP384R1TLS13_SHA384(0x081B, "ecdsa_brainpoolP384r1tls13_sha384"),
    ECDSA_BRAINPOOLP512R1TLS13_SHA512(0x081C, "ecdsa_brainpoolP512r1tls13_sha512"),
    MLDSA44(0x0904, "mldsa44"),
    MLDSA65(0x0905, "mldsa65"),
    MLDSA87(0x0906, "mldsa87");

    private final int wireId;
    private final String standardName;

    SignatureScheme(int wireId, String standardName) {
        this.wireId = wireId;
        this.standardName = standardName;
    }

    public int wireId() {
        return wireId;
    }

    public String standardName() {
        return standardName;
    }

    /** SHA-1 and MD5 based schemes: collisions are practical, so they are weak wherever they sign. */
    public boolean weakHash() {
        return standardName.endsWith("_sha1") || standardName.endsWith("_md5");
    }

    public static Optional<SignatureScheme> fromWireId(int wireId) {
        for (SignatureScheme s : values()) {
            if (s.wireId == wireId) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return standardName;
    }
}
