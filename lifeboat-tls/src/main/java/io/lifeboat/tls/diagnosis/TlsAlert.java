package io.lifeboat.tls.diagnosis;

import java.util.Optional;

/**
 * TLS alert descriptions (RFC 8446 §6, RFC 5246 §7.2) with their wire code and standard name.
 * (The scanner's codec may carry the same registry; dedupe when both are on main.)
 */
public enum TlsAlert {
    CLOSE_NOTIFY(0),
    UNEXPECTED_MESSAGE(10),
    BAD_RECORD_MAC(20),
    DECRYPTION_FAILED(21),
    RECORD_OVERFLOW(22),
    DECOMPRESSION_FAILURE(30),
    HANDSHAKE_FAILURE(40),
    NO_CERTIFICATE(41),
    BAD_CERTIFICATE(42),
    UNSUPPORTED_CERTIFICATE(43),
    CERTIFICATE_REVOKED(44),
    CERTIFICATE_EXPIRED(45),
    CERTIFICATE_UNKNOWN(46),
    ILLEGAL_PARAMETER(47),
    UNKNOWN_CA(48),
    ACCESS_DENIED(49),
    DECODE_ERROR(50),
    DECRYPT_ERROR(51),
    EXPORT_RESTRICTION(60),
    PROTOCOL_VERSION(70),
    INSUFFICIENT_SECURITY(71),
    INTERNAL_ERROR(80),
    INAPPROPRIATE_FALLBACK(86),
    USER_CANCELED(90),
    NO_RENEGOTIATION(100),
    MISSING_EXTENSION(109),
    UNSUPPORTED_EXTENSION(110),
    UNRECOGNIZED_NAME(112),
    BAD_CERTIFICATE_STATUS_RESPONSE(113),
    UNKNOWN_PSK_IDENTITY(115),
    CERTIFICATE_REQUIRED(116),
    NO_APPLICATION_PROTOCOL(120);

    private final int code;

    TlsAlert(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The RFC name, e.g. "protocol_version" (also what JSSE and OpenSSL print). */
    public String standardName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True for the alerts a server sends when it refuses the client's certificate. */
    public boolean refusesClientCertificate() {
        return switch (this) {
            case BAD_CERTIFICATE, UNSUPPORTED_CERTIFICATE, CERTIFICATE_REVOKED, CERTIFICATE_EXPIRED,
                    CERTIFICATE_UNKNOWN, UNKNOWN_CA, ACCESS_DENIED, CERTIFICATE_REQUIRED, NO_CERTIFICATE -> true;
            default -> false;
        };
    }

    public static Optional<TlsAlert> fromCode(int code) {
        for (TlsAlert a : values()) {
            if (a.code == code) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Accepts "protocol_version", "PROTOCOL_VERSION" or "protocol version" (OpenSSL's spelling). */
    public static Optional<TlsAlert> fromName(String name) {
        String n = name.trim().replace(' ', '_').toUpperCase(java.util.Locale.ROOT);
        for (TlsAlert a : values()) {
            if (a.name().equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return standardName() + "(" + code + ")";
    }
}
