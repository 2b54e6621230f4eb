package io.lifeboat.tls.diagnosis;

/** How the TCP stream ended while we were waiting for the peer, if it ended in the transport. */
public enum TransportEnd {
    /** The stream did not end in the transport (the handshake completed, or TLS itself failed). */
    NONE,
    /** The peer reset the connection: Windows error 10054, "forcibly closed by the remote host". */
    RESET,
    /** The peer closed its side (FIN) without a TLS alert. */
    EOF,
    /** Connected, but the peer sent nothing more within the timeout. */
    READ_TIMEOUT
}
