package io.lifeboat.tls;

import java.util.Optional;

/**
 * Key-exchange groups: every assigned code point of the IANA "TLS Supported Groups" registry
 * (tls-parameters-8, checked by {@code IanaRegistryTest} against the copy in the test resources),
 * with wire id and standard name.
 */
public enum NamedGroup {
    SECT163K1(1, "sect163k1", Kind.EC), SECT163R1(2, "sect163r1", Kind.EC), SECT163R2(3, "sect163r2", Kind.EC),
    SECT193R1(4, "sect193r1", Kind.EC), SECT193R2(5, "sect193r2", Kind.EC), SECT233K1(6, "sect233k1", Kind.EC),
    SECT233R1(7, "sect233r1", Kind.EC), SECT239K1(8, "sect239k1", Kind.EC), SECT283K1(9, "sect283k1", Kind.EC),
    SECT283R1(10, "sect283r1", Kind.EC), SECT409K1(11, "sect409k1", Kind.EC), SECT409R1(12, "sect409r1", Kind.EC),
    SECT571K1(13, "sect571k1", Kind.EC), SECT571R1(14, "sect571r1", Kind.EC), SECP160K1(15, "secp160k1", Kind.EC),
    SECP160R1(16, "secp160r1", Kind.EC), SECP160R2(17, "secp160r2", Kind.EC), SECP192K1(18, "secp192k1", Kind.EC),
    SECP192R1(19, "secp192r1", Kind.EC), SECP224K1(20, "secp224k1", Kind.EC), SECP224R1(21, "secp224r1", Kind.EC),
    SECP256K1(22, "secp256k1", Kind.EC),
    SECP256R1(23, "secp256r1", Kind.EC),
    SECP384R1(24, "secp384r1", Kind.EC),
    SECP521R1(25, "secp521r1", Kind.EC),
    BRAINPOOLP256R1(26, "brainpoolP256r1", Kind.EC),
    BRAINPOOLP384R1(27, "brainpoolP384r1", Kind.EC),
    BRAINPOOLP512R1(28, "brainpoolP512r1", Kind.EC),
    X25519(29, "x25519", Kind.EC),
    X448(30, "x448", Kind.EC),
    BRAINPOOLP256R1_TLS13(31, "brainpoolP256r1tls13", Kind.EC),
    BRAINPOOLP384R1_TLS13(32, "brainpoolP384r1tls13", Kind.EC),
    BRAINPOOLP512R1_TLS13(33, "brainpoolP512r1tls13", Kind.EC),
    /** RFC 9189: the GOST R 34.10-2012 curves. */
    GC256A(34, "GC256A", Kind.EC), GC256B(35, "GC256B", Kind.EC), GC256C(36, "GC256C", Kind.EC),
    GC256D(37, "GC256D", Kind.EC), GC512A(38, "GC512A", Kind.EC), GC512B(39, "GC512B", Kind.EC),
    GC512C(40, "GC512C", Kind.EC),
    /** RFC 8998. */
    CURVE_SM2(41, "curveSM2", Kind.EC),
    FFDHE2048(256, "ffdhe2048", Kind.FFDHE),
    FFDHE3072(257, "ffdhe3072", Kind.FFDHE),
    FFDHE4096(258, "ffdhe4096", Kind.FFDHE),
    FFDHE6144(259, "ffdhe6144", Kind.FFDHE),
    FFDHE8192(260, "ffdhe8192", Kind.FFDHE),
    /** draft-connolly-tls-mlkem-key-agreement: ML-KEM alone, without a classical share. */
    MLKEM512(512, "MLKEM512", Kind.PQ),
    MLKEM768(513, "MLKEM768", Kind.PQ),
    MLKEM1024(514, "MLKEM1024", Kind.PQ),
    SECP256R1_MLKEM768(0x11EB, "SecP256r1MLKEM768", Kind.HYBRID_PQ),
    X25519_MLKEM768(0x11EC, "X25519MLKEM768", Kind.HYBRID_PQ),
    SECP384R1_MLKEM1024(0x11ED, "SecP384r1MLKEM1024", Kind.HYBRID_PQ),
    /** The pre-standard Kyber draft group that browsers shipped in 2024. */
    X25519_KYBER768_DRAFT00(0x6399, "X25519Kyber768Draft00", Kind.HYBRID_PQ),
    SECP256R1_KYBER768_DRAFT00(0x639A, "SecP256r1Kyber768Draft00", Kind.HYBRID_PQ),
    /** RFC 8422: the server may use any curve given by explicit parameters (deprecated). */
    ARBITRARY_EXPLICIT_PRIME_CURVES(0xFF01, "arbitrary_explicit_prime_curves", Kind.EC),
    ARBITRARY_EXPLICIT_CHAR2_CURVES(0xFF02, "arbitrary_explicit_char2_curves", Kind.EC);

    /** What kind of mathematics the group is. */
    public enum Kind { EC, FFDHE, PQ, HYBRID_PQ }

    private final int wireId;
    private final String standardName;
    private final Kind kind;

    NamedGroup(int wireId, String standardName, Kind kind) {
        this.wireId = wireId;
        this.standardName = standardName;
        this.kind = kind;
    }

    public int wireId() {
        return wireId;
    }

    /** The registry name, also what BoringSSL and OpenSSL accept in a groups list. */
    public String standardName() {
        return standardName;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<NamedGroup> fromWireId(int wireId) {
        for (NamedGroup g : values()) {
            if (g.wireId == wireId) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    public static Optional<NamedGroup> fromStandardName(String name) {
        for (NamedGroup g : values()) {
            if (g.standardName.equalsIgnoreCase(name)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return standardName;
    }
}
