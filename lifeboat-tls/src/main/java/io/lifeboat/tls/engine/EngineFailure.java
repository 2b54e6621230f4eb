package io.lifeboat.tls.engine;

import io.lifeboat.tls.diagnosis.TlsAlert;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TLS engine's reason for a failed server-side handshake, read once into what the classifier
 * decides on: which alert, and who sent it. The direction is what tells "the client refused our
 * certificate" (an {@code unknown_ca} alert RECEIVED from the client) from "we refused the client's
 * certificate" (a certificate alert SENT by us): the same alert name means opposite causes.
 *
 * <p>Neither engine exposes the alert as a value, so this is the one place that reads their
 * reasons: BoringSSL's reason codes ({@code TLSV1_ALERT_UNKNOWN_CA} is an alert received,
 * {@code CERTIFICATE_VERIFY_FAILED} a decision of ours), and JSSE's messages ("Received fatal alert:
 * unknown_ca", "Empty client certificate chain"). Each is matched as a whole code or phrase.
 *
 * @param direction who sent the alert
 * @param alert     the alert, when known
 * @param reason    our own decision, when the failure was ours
 */
public record EngineFailure(Direction direction, Optional<TlsAlert> alert, Reason reason) {

    /** Who sent the alert that ended the handshake. */
    public enum Direction { RECEIVED, SENT, NONE }

    /** What the engine decided, when the failure is ours. */
    public enum Reason {
        PEER_ALERT, UNSUPPORTED_PROTOCOL, NO_SHARED_CIPHER, CLIENT_CERTIFICATE_INVALID, CLIENT_CERTIFICATE_MISSING,
        NOT_TLS, TIMEOUT, OTHER
    }

    private static final Pattern BORING_RECEIVED = Pattern.compile("\\b(?:TLSV1|SSLV3)_ALERT_([A-Z_]+)\\b");
    private static final Pattern JDK_RECEIVED = Pattern.compile("Received fatal alert: ([a-z_]+)");
    private static final Pattern CODE = Pattern.compile("\\b([A-Z][A-Z0-9_]{3,})\\b");

    /**
     * @param cause     the engine's reason
     * @param peerAlert an alert the client sent in the clear, seen on the wire: the most direct
     *                  evidence, and the only one when the engine failed on it (it expected a protected
     *                  record and says BAD_PACKET_LENGTH or "Insufficient buffer remaining")
     */
    public static EngineFailure of(String cause, Optional<TlsAlert> peerAlert) {
        if (peerAlert.isPresent()) {
            return new EngineFailure(Direction.RECEIVED, peerAlert, Reason.PEER_ALERT);
        }
        return of(cause);
    }

    public static EngineFailure of(String cause) {
        String c = cause == null ? "" : cause;
        Matcher m = BORING_RECEIVED.matcher(c);
        if (m.find()) {
            return received(m.group(1));
        }
        m = JDK_RECEIVED.matcher(c);
        if (m.find()) {
            return received(m.group(1));
        }
        if (c.contains("timed out")) {
            return new EngineFailure(Direction.NONE, Optional.empty(), Reason.TIMEOUT);
        }
        Matcher codes = CODE.matcher(c);
        while (codes.find()) {
            switch (codes.group(1)) {
                case "UNSUPPORTED_PROTOCOL", "WRONG_VERSION_NUMBER_FOR_TLS13" -> {
                    return sent(TlsAlert.PROTOCOL_VERSION, Reason.UNSUPPORTED_PROTOCOL);
                }
                case "NO_SHARED_CIPHER", "NO_CIPHERS_AVAILABLE", "NO_SHARED_GROUP" -> {
                    return sent(TlsAlert.HANDSHAKE_FAILURE, Reason.NO_SHARED_CIPHER);
                }
                case "CERTIFICATE_VERIFY_FAILED" -> {
                    return sent(TlsAlert.CERTIFICATE_UNKNOWN, Reason.CLIENT_CERTIFICATE_INVALID);
                }
                case "PEER_DID_NOT_RETURN_A_CERTIFICATE" -> {
                    return sent(TlsAlert.CERTIFICATE_REQUIRED, Reason.CLIENT_CERTIFICATE_MISSING);
                }
                case "HTTP_REQUEST", "HTTPS_PROXY_REQUEST", "WRONG_VERSION_NUMBER" -> {
                    return new EngineFailure(Direction.NONE, Optional.empty(), Reason.NOT_TLS);
                }
                default -> {
                    // another code word: keep looking
                }
            }
        }
        String lower = c.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("is not enabled or supported in server context")
                || lower.contains("no appropriate protocol")) {
            return sent(TlsAlert.PROTOCOL_VERSION, Reason.UNSUPPORTED_PROTOCOL);
        }
        if (lower.contains("no cipher suites in common")) {
            return sent(TlsAlert.HANDSHAKE_FAILURE, Reason.NO_SHARED_CIPHER);
        }
        if (lower.contains("empty client certificate chain") || lower.contains("empty server certificate chain")) {
            return sent(TlsAlert.CERTIFICATE_REQUIRED, Reason.CLIENT_CERTIFICATE_MISSING);
        }
        if (lower.contains("pkix path") || lower.contains("unable to find valid certification path") || lower.contains("certificate has expired")
                || lower.contains("certificate is not yet valid") || lower.contains("certificate revoked")
                || lower.contains("does not chain with any of the trust anchors")
                || lower.startsWith("notafter: ") || lower.startsWith("notbefore: ")
                || lower.contains("extended key usage does not permit")) {
            // JSSE's server-side trust manager refused the client's chain (it sends certificate_unknown);
            // under BoringSSL the vault reports only that manager's innermost reason: "Path does not chain
            // with any of the trust anchors" (another CA: unknown_ca), "NotAfter: <date>" (expired:
            // certificate_expired), "NotBefore: <date>" or "Extended key usage does not permit use for
            // TLS client authentication" (bad_certificate; RefusalAlertTrustManager picks these alerts).
            return sent(TlsAlert.CERTIFICATE_UNKNOWN, Reason.CLIENT_CERTIFICATE_INVALID);
        }
        if (lower.contains("not an ssl/tls record") || lower.contains("unsupported or unrecognized ssl message")
                || lower.contains("plaintext connection")) {
            return new EngineFailure(Direction.NONE, Optional.empty(), Reason.NOT_TLS);
        }
        return new EngineFailure(Direction.NONE, Optional.empty(), Reason.OTHER);
    }

    private static EngineFailure received(String name) {
        return new EngineFailure(Direction.RECEIVED, TlsAlert.fromName(name), Reason.PEER_ALERT);
    }

    private static EngineFailure sent(TlsAlert alert, Reason reason) {
        return new EngineFailure(Direction.SENT, Optional.of(alert), reason);
    }

    /** The client sent an alert that refuses our (the server's) certificate. */
    public boolean clientRefusedServerCertificate() {
        return direction == Direction.RECEIVED && alert.map(a -> switch (a) {
            case BAD_CERTIFICATE, UNSUPPORTED_CERTIFICATE, CERTIFICATE_REVOKED, CERTIFICATE_EXPIRED,
                    CERTIFICATE_UNKNOWN, UNKNOWN_CA -> true;
            default -> false;
        }).orElse(false);
    }

    /** One line for the evidence: "alert unknown_ca(48) received from the client". */
    public String describe() {
        return switch (direction) {
            case RECEIVED -> "alert " + alert.map(TlsAlert::toString).orElse("(unknown)") + " received from the client";
            case SENT -> "alert " + alert.map(TlsAlert::toString).orElse("(unknown)") + " sent to the client ("
                    + reason.name().toLowerCase(java.util.Locale.ROOT) + ")";
            case NONE -> "no alert (" + reason.name().toLowerCase(java.util.Locale.ROOT) + ")";
        };
    }
}
