package io.lifeboat.scan.wire;

/** TLS alert descriptions (RFC 8446 §6, RFC 7507) by wire id, for reasons a person can read. */
public enum AlertDescription {
    CLOSE_NOTIFY(0), UNEXPECTED_MESSAGE(10), BAD_RECORD_MAC(20), DECRYPTION_FAILED(21), RECORD_OVERFLOW(22),
    DECOMPRESSION_FAILURE(30), HANDSHAKE_FAILURE(40), NO_CERTIFICATE(41), BAD_CERTIFICATE(42),
    UNSUPPORTED_CERTIFICATE(43), CERTIFICATE_REVOKED(44), CERTIFICATE_EXPIRED(45), CERTIFICATE_UNKNOWN(46),
    ILLEGAL_PARAMETER(47), UNKNOWN_CA(48), ACCESS_DENIED(49), DECODE_ERROR(50), DECRYPT_ERROR(51),
    EXPORT_RESTRICTION(60), PROTOCOL_VERSION(70), INSUFFICIENT_SECURITY(71), INTERNAL_ERROR(80),
    INAPPROPRIATE_FALLBACK(86), USER_CANCELED(90), NO_RENEGOTIATION(100), MISSING_EXTENSION(109),
    UNSUPPORTED_EXTENSION(110), UNRECOGNIZED_NAME(112), BAD_CERTIFICATE_STATUS_RESPONSE(113),
    UNKNOWN_PSK_IDENTITY(115), CERTIFICATE_REQUIRED(116), NO_APPLICATION_PROTOCOL(120);

    private final int id;

    AlertDescription(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The registry name in lower case ("handshake_failure"), or "alert_N" for an unknown id. */
    public static String nameOf(int id) {
        for (AlertDescription d : values()) {
            if (d.id == id) {
                return d.name().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "alert_" + id;
    }
}
