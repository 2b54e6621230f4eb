package io.lifeboat.scan.net.starttls;

import java.io.IOException;

/** The server did not let the connection upgrade to TLS; the message quotes what it said. */
public final class StartTlsException extends IOException {
    private static final long serialVersionUID = 1L;

    public StartTlsException(String message) {
        super(message);
    }
}
