package io.lifeboat.agent;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.HostPort;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * What a failed exchange with the vault means for the agent: UNREACHABLE (nothing answers, or the
 * connection went away: retried, as the vault may be restarting) or IDENTITY_REJECTED (TLS refused:
 * certificate, pin, host name; retrying cannot help).
 *
 * <p>A TLS handshake that fails because the socket was reset or closed under it is a transport
 * failure, not a refusal: a vault that is being restarted accepts a connection on its new socket and
 * can still drop it, and an agent that took that for a rejected certificate gave up for good.
 */
final class VaultConnectionFailure {
    private VaultConnectionFailure() {
    }

    static LifeboatException of(Throwable t, HostPort target) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof LifeboatException le) {
                return le;
            }
            if (c instanceof SSLException) {
                Throwable root = root(c);
                String detail = root == c ? message(c) : message(c) + ": " + message(root);
                if (root instanceof IOException && !(root instanceof SSLException)) {
                    return new LifeboatException(LifeboatException.Kind.UNREACHABLE, "the vault at " + target
                            + " dropped the connection during the TLS handshake: " + detail, t);
                }
                return new LifeboatException(LifeboatException.Kind.IDENTITY_REJECTED, "TLS with the vault at "
                        + target + " failed: " + detail + hint(detail), t);
            }
            if (c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof NoRouteToHostException) {
                return new LifeboatException(LifeboatException.Kind.UNREACHABLE, "cannot reach the vault at "
                        + target + ": " + message(c) + " (is `lifeboat vault serve` running there?)", t);
            }
        }
        if (t instanceof ClosedChannelException || String.valueOf(t.getMessage()).contains("closed")) {
            return new LifeboatException(LifeboatException.Kind.UNREACHABLE, "the vault at " + target
                    + " closed the connection: " + message(t) + " (run `lifeboat doctor " + target + "`)", t);
        }
        return new LifeboatException(LifeboatException.Kind.UNREACHABLE, "talking to the vault at " + target
                + " failed: " + message(t), t);
    }

    private static Throwable root(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String hint(String detail) {
        String m = detail.toLowerCase(Locale.ROOT);
        if (m.contains("certificate_unknown") || m.contains("bad_certificate") || m.contains("unknown_ca")
                || m.contains("certificate_expired") || m.contains("certificate_revoked")) {
            return " (the vault refused this machine's certificate: enrol again with `lifeboat agent enroll`)";
        }
        return "";
    }

    private static String message(Throwable c) {
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
