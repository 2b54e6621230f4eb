package io.lifeboat.tls.diagnosis;

import java.time.Instant;

/**
 * The answer to {@code GET /health} over the established link.
 *
 * @param status     the HTTP status code
 * @param statusLine the first line as received
 * @param date       the server's {@code Date} header, or null
 * @param body       the start of the body (at most a few hundred characters)
 */
public record HttpAnswer(int status, String statusLine, Instant date, String body) {

    public boolean success() {
        return status >= 200 && status < 400;
    }

    public boolean refusesIdentity() {
        return status == 401 || status == 403;
    }
}
