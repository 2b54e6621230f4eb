package io.lifeboat.tls.diagnosis;

import io.lifeboat.tls.LifeboatException;

/**
 * The stable ids of every failure cause the doctor can name. The ids are part of the JSON schema
 * and of log lines that operators grep for: never rename one, only add.
 *
 * <p>{@link #kind()} says which exit code a component reports when it fails for this cause: the
 * peer could not be reached over a usable TLS link (10), or an identity was refused (11).
 */
public enum CauseId {
    CONNECTION_REFUSED("Nothing is listening on that port", LifeboatException.Kind.UNREACHABLE),
    TIMEOUT("The peer does not answer", LifeboatException.Kind.UNREACHABLE),
    NOT_TLS("The peer does not speak TLS on that port", LifeboatException.Kind.UNREACHABLE),
    SERVER_LEGACY_TLS_ONLY("The server speaks only TLS 1.1 or older", LifeboatException.Kind.UNREACHABLE),
    CLIENT_LEGACY_TLS_ONLY("This client cannot offer TLS 1.2 or newer", LifeboatException.Kind.UNREACHABLE),
    NO_SHARED_CIPHER("No cipher suite in common", LifeboatException.Kind.UNREACHABLE),
    UNTRUSTED_CERTIFICATE("The server certificate is not trusted", LifeboatException.Kind.IDENTITY_REJECTED),
    TLS_INSPECTION_SUSPECTED("Something between us re-signs the server's certificate (TLS inspection)",
            LifeboatException.Kind.IDENTITY_REJECTED),
    CERTIFICATE_EXPIRED("The server certificate has expired", LifeboatException.Kind.IDENTITY_REJECTED),
    CERTIFICATE_NOT_YET_VALID("The server certificate is not valid yet (clock skew?)",
            LifeboatException.Kind.IDENTITY_REJECTED),
    HOSTNAME_MISMATCH("The server certificate does not name this host", LifeboatException.Kind.IDENTITY_REJECTED),
    CLIENT_CERTIFICATE_REQUIRED("The server requires a client certificate and none was sent",
            LifeboatException.Kind.IDENTITY_REJECTED),
    CLIENT_CERTIFICATE_REJECTED("The server refused this machine's certificate",
            LifeboatException.Kind.IDENTITY_REJECTED),
    CONNECTION_RESET_DURING_HANDSHAKE("The connection was closed during the TLS handshake (error 10054)",
            LifeboatException.Kind.UNREACHABLE);

    private final String title;
    private final LifeboatException.Kind kind;

    CauseId(String title, LifeboatException.Kind kind) {
        this.title = title;
        this.kind = kind;
    }

    /** One line in plain words, shown next to the id. */
    public String title() {
        return title;
    }

    /** UNREACHABLE (exit 10) or IDENTITY_REJECTED (exit 11). */
    public LifeboatException.Kind kind() {
        return kind;
    }
}
