package io.lifeboat.tls.wire;

/** What a server sends before the handshake is encrypted, one value per message or record. */
public sealed interface ServerMessage {
    record Hello(ServerHello hello) implements ServerMessage { }

    record Certificates(CertificateMessage message) implements ServerMessage { }

    /** Kept raw: how to read it depends on the suite's key exchange (see {@link ServerKeyExchange}). */
    record KeyExchange(byte[] body) implements ServerMessage { }

    record HelloDone() implements ServerMessage { }

    record OtherHandshake(int type) implements ServerMessage { }

    record AlertReceived(Alert alert) implements ServerMessage { }

    record ChangeCipherSpec() implements ServerMessage { }

    /** A record we cannot read: application data, or anything after the keys changed. */
    record Encrypted(int contentType, int length) implements ServerMessage { }

    record Ssl2Hello(Ssl2ServerHello hello) implements ServerMessage { }
}
