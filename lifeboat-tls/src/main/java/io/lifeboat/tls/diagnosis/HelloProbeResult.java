package io.lifeboat.tls.diagnosis;

import io.lifeboat.tls.ProtocolVersion;
import java.util.Objects;

/**
 * The answer to one hand-made ClientHello (a legacy TLS 1.0/1.1 hello, or a TLS 1.2 hello offering
 * every suite): a recorded attempt, never an exception.
 *
 * @param offered what the hello offered, in words ("TLSv1.0-TLSv1.1, 12 CBC suites")
 * @param version the version of the ServerHello, or null
 * @param suiteId the suite the server chose (wire id), or -1
 * @param suiteName its IANA name when known, else the hex id; null when no ServerHello
 * @param alert   the alert the server answered with, or null
 * @param detail  a line for the evidence when nothing above fits (reset, timeout, not TLS)
 */
public record HelloProbeResult(Outcome outcome, String offered, ProtocolVersion version, int suiteId,
        String suiteName, TlsAlert alert, String detail) {

    /** How the probe ended. */
    public enum Outcome { SERVER_HELLO, ALERT, RESET, EOF, TIMEOUT, NOT_TLS, FAILED }

    public HelloProbeResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(offered, "offered");
    }

    public static HelloProbeResult serverHello(String offered, ProtocolVersion version, int suiteId, String suiteName) {
        return new HelloProbeResult(Outcome.SERVER_HELLO, offered, version, suiteId, suiteName, null, null);
    }

    public static HelloProbeResult alert(String offered, TlsAlert alert) {
        return new HelloProbeResult(Outcome.ALERT, offered, null, -1, null, alert, null);
    }

    public static HelloProbeResult other(Outcome outcome, String offered, String detail) {
        return new HelloProbeResult(outcome, offered, null, -1, null, null, detail);
    }

    public boolean accepted() {
        return outcome == Outcome.SERVER_HELLO;
    }

    /** One evidence line. */
    public String describe() {
        return switch (outcome) {
            case SERVER_HELLO -> "a ClientHello offering " + offered + " was accepted: ServerHello " + version
                    + " with " + suiteName;
            case ALERT -> "a ClientHello offering " + offered + " was refused with alert " + alert;
            default -> "a ClientHello offering " + offered + " got no ServerHello: " + detail;
        };
    }
}
