package io.lifeboat.tls.wire;

/** Wire constants of the record and handshake layers (RFC 5246, RFC 8446) that the codec uses. */
public final class Wire {
    // Record content types.
    public static final int CHANGE_CIPHER_SPEC = 20;
    public static final int ALERT = 21;
    public static final int HANDSHAKE = 22;
    public static final int APPLICATION_DATA = 23;
    public static final int HEARTBEAT = 24;

    // Handshake message types.
    public static final int CLIENT_HELLO = 1;
    public static final int SERVER_HELLO = 2;
    public static final int NEW_SESSION_TICKET = 4;
    public static final int ENCRYPTED_EXTENSIONS = 8;
    public static final int CERTIFICATE = 11;
    public static final int SERVER_KEY_EXCHANGE = 12;
    public static final int CERTIFICATE_REQUEST = 13;
    public static final int SERVER_HELLO_DONE = 14;
    public static final int CERTIFICATE_STATUS = 22;

    // Extensions.
    public static final int EXT_SERVER_NAME = 0;
    public static final int EXT_STATUS_REQUEST = 5;
    public static final int EXT_SUPPORTED_GROUPS = 10;
    public static final int EXT_EC_POINT_FORMATS = 11;
    public static final int EXT_SIGNATURE_ALGORITHMS = 13;
    public static final int EXT_ENCRYPT_THEN_MAC = 22;
    public static final int EXT_EXTENDED_MASTER_SECRET = 23;
    public static final int EXT_SESSION_TICKET = 35;
    public static final int EXT_SUPPORTED_VERSIONS = 43;
    public static final int EXT_PSK_KEY_EXCHANGE_MODES = 45;
    public static final int EXT_KEY_SHARE = 51;
    public static final int EXT_RENEGOTIATION_INFO = 0xFF01;

    /** RFC 5746 signalling value: "I support secure renegotiation". Not a suite. */
    public static final int TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00FF;
    /** RFC 7507 signalling value: "this is a fallback retry". Not a suite. */
    public static final int TLS_FALLBACK_SCSV = 0x5600;

    /** Compression methods (RFC 3749). */
    public static final int COMPRESSION_NULL = 0;
    public static final int COMPRESSION_DEFLATE = 1;

    /** The largest plaintext fragment a record may carry (2^14), and what we tolerate from peers (+2048). */
    public static final int MAX_FRAGMENT = 16384;
    public static final int MAX_RECORD_BODY = MAX_FRAGMENT + 2048;

    private Wire() {
    }
}
