package io.lifeboat.tls;

import java.util.Optional;

/**
 * SSL/TLS protocol versions with their wire id and the standard (JSSE) name.
 *
 * <p>Ordered oldest to newest, so {@code compareTo} answers "is this older than".
 */
public enum ProtocolVersion {
    /** SSL 2.0: its hello has its own record format; the "wire id" is the 2-byte version in it. */
    SSL_2_0(0x0002, "SSLv2"),
    SSL_3_0(0x0300, "SSLv3"),
    TLS_1_0(0x0301, "TLSv1"),
    TLS_1_1(0x0302, "TLSv1.1"),
    TLS_1_2(0x0303, "TLSv1.2"),
    /** Negotiated only through the supported_versions extension (RFC 8446 §4.2.1). */
    TLS_1_3(0x0304, "TLSv1.3");

    private final int wireId;
    private final String standardName;

    ProtocolVersion(int wireId, String standardName) {
        this.wireId = wireId;
        this.standardName = standardName;
    }

    public int wireId() {
        return wireId;
    }

    /** The JSSE name ("TLSv1.2"), also the key used in every JSON report. */
    public String standardName() {
        return standardName;
    }

    public boolean olderThan(ProtocolVersion other) {
        return compareTo(other) < 0;
    }

    public static Optional<ProtocolVersion> fromWireId(int wireId) {
        for (ProtocolVersion v : values()) {
            if (v.wireId == wireId) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    public static Optional<ProtocolVersion> fromStandardName(String name) {
        for (ProtocolVersion v : values()) {
            if (v.standardName.equalsIgnoreCase(name)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return standardName;
    }
}
