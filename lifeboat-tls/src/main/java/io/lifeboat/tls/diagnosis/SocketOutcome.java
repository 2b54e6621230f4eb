package io.lifeboat.tls.diagnosis;

/** How the TCP connect ended. */
public enum SocketOutcome {
    CONNECTED,
    /** RST to our SYN: nothing listens (Windows error 10061, WSAECONNREFUSED). */
    REFUSED,
    /** No answer to our SYN within the timeout (Windows error 10060, WSAETIMEDOUT). */
    CONNECT_TIMEOUT,
    /** The host name does not resolve. */
    UNRESOLVED,
    /** No route to the host or network (ICMP unreachable, often a rejecting firewall). */
    UNREACHABLE
}
