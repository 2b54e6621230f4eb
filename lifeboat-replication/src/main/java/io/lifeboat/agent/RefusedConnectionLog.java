package io.lifeboat.agent;

import io.vertx.core.http.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's line for a failure on one of its connections to the vault, at DEBUG. Without a handler
 * on the connection, Vert.x logs it at ERROR as an exception nothing handled: a vault's refusal of this
 * machine's certificate (in TLS 1.3 its alert comes on a connection whose handshake was done on our
 * side) showed as {@code ERROR [ConnectionBase] ... TLSV1_ALERT_INTERNAL_ERROR} beside the agent's
 * own report of it. The same failure reaches the request under way on the connection, which reports
 * it (IDENTITY_REJECTED, UNREACHABLE) with its diagnosis; one that comes with no request under way
 * (a vault restarting while the connection sat idle) is met again by the next request.
 */
final class RefusedConnectionLog {
    private static final Logger LOG = LoggerFactory.getLogger(RefusedConnectionLog.class);

    private RefusedConnectionLog() {
    }

    /** Handles {@code connection}'s failures with a line of ours. */
    static void watch(HttpConnection connection) {
        connection.exceptionHandler(failure -> LOG.debug("connection to the vault at {} failed: {}",
                connection.remoteAddress(), failure.toString()));
    }
}
