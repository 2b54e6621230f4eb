package io.lifeboat.tls;

import java.util.Optional;

/**
 * Signature schemes with wire ids: every assigned code point of the IANA "TLS SignatureScheme" registry
 * (checked by {@code IanaRegistryTest}), plus the TLS 1.2 hash/signature pairs the registry reserves
 * for backward compatibility (MD5, SHA-224, DSA) that old servers still answer to.
 */
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
    /** draft-davidben-tls13-pkcs1: PKCS#1 v1.5 for TLS 1.3 client certificates only. */
    RSA_PKCS1_SHA256_LEGACY(0x0420, "rsa_pkcs1_sha256_legacy"),
    RSA_PKCS1_SHA384(0x0501, "rsa_pkcs1_sha384"),
    ECDSA_SECP384R1_SHA384(0x0503, "ecdsa_secp384r1_sha384"),
    RSA_PKCS1_SHA384_LEGACY(0x0520, "rsa_pkcs1_sha384_legacy"),
    RSA_PKCS1_SHA512(0x0601, "rsa_pkcs1_sha512"),
    ECDSA_SECP521R1_SHA512(0x0603, "ecdsa_secp521r1_sha512"),
    RSA_PKCS1_SHA512_LEGACY(0x0620, "rsa_pkcs1_sha512_legacy"),
    ECCSI_SHA256(0x0704, "eccsi_sha256"),
    ISO_IBS1(0x0705, "iso_ibs1"),
    ISO_IBS2(0x0706, "iso_ibs2"),
    ISO_CHINESE_IBS(0x0707, "iso_chinese_ibs"),
    /** RFC 8998. */
    SM2SIG_SM3(0x0708, "sm2sig_sm3"),
    /** RFC 9367: GOST R 34.10-2012 in TLS 1.3. */
    GOSTR34102012_256A(0x0709, "gostr34102012_256a"),
    GOSTR34102012_256B(0x070A, "gostr34102012_256b"),
    GOSTR34102012_256C(0x070B, "gostr34102012_256c"),
    GOSTR34102012_256D(0x070C, "gostr34102012_256d"),
    GOSTR34102012_512A(0x070D, "gostr34102012_512a"),
    GOSTR34102012_512B(0x070E, "gostr34102012_512b"),
    GOSTR34102012_512C(0x070F, "gostr34102012_512c"),
    RSA_PSS_RSAE_SHA256(0x0804, "rsa_pss_rsae_sha256"),
    RSA_PSS_RSAE_SHA384(0x0805, "rsa_pss_rsae_sha384"),
    RSA_PSS_RSAE_SHA512(0x0806, "rsa_pss_rsae_sha512"),
    ED25519(0x0807, "ed25519"),
    ED448(0x0808, "ed448"),
    RSA_PSS_PSS_SHA256(0x0809, "rsa_pss_pss_sha256"),
    RSA_PSS_PSS_SHA384(0x080A, "rsa_pss_pss_sha384"),
    RSA_PSS_PSS_SHA512(0x080B, "rsa_pss_pss_sha512"),
    /** RFC 9189 §4.2.2: GOST signatures in TLS 1.2, which the registry keeps as reserved values. */
    GOSTR34102012_256(0x0840, "gostr34102012_256"),
    GOSTR34102012_512(0x0841, "gostr34102012_512"),
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
