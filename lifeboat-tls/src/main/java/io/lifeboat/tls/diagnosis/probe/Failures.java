package io.lifeboat.tls.diagnosis.probe;

import io.lifeboat.tls.diagnosis.TlsAlert;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads exception chains: one-line descriptions, and the alert name in "Received fatal alert: x". */
final class Failures {
    private static final Pattern RECEIVED = Pattern.compile("Received fatal alert: (\\w+)");

    private Failures() {
    }

    /** "message (cause: deeper message)" with the chain's distinct messages, on one line. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        String last = null;
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
            if (last == null || !last.contains(m)) {
                sb.append(sb.length() == 0 ? "" : " (cause: ").append(m);
                if (sb.length() > 0 && last != null) {
                    sb.append(")");
                }
            }
            last = m;
            if (c.getCause() == null) {
                break;
            }
        }
        return sb.toString();
    }

    static Optional<TlsAlert> receivedAlert(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null) {
                Matcher m = RECEIVED.matcher(c.getMessage());
                if (m.find()) {
                    return TlsAlert.fromName(m.group(1));
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return Optional.empty();
    }
}
