package io.lifeboat.tls.diagnosis.probe;

import io.lifeboat.tls.diagnosis.TransportEnd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * Reads from the peer, remembers the first bytes it sent, and turns the ways a TCP stream ends
 * (reset, FIN, silence) into {@link Ended} with a {@link TransportEnd}, so callers see one shape.
 */
final class PeerStream {
    static final int FIRST_BYTES = 64;

    /** The stream ended in the transport. */
    static final class Ended extends IOException {
        private static final long serialVersionUID = 1L;
        final TransportEnd end;

        Ended(TransportEnd end, String detail) {
            super(detail);
            this.end = end;
        }
    }

    private final InputStream in;
    private final ByteArrayOutputStream first = new ByteArrayOutputStream();

    PeerStream(InputStream in) {
        this.in = in;
    }

    /** Reads at least one byte into {@code buf} at {@code off}; never returns 0 or -1. */
    int read(byte[] buf, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(buf, off, len);
        } catch (SocketTimeoutException e) {
            throw new Ended(TransportEnd.READ_TIMEOUT, "read timed out");
        } catch (SocketException e) {
            throw ended(e);
        }
        if (n < 0) {
            throw new Ended(TransportEnd.EOF, "end of stream");
        }
        int keep = Math.min(n, FIRST_BYTES - first.size());
        if (keep > 0) {
            first.write(buf, off, keep);
        }
        return n;
    }

    /** Reads exactly {@code len} bytes. */
    void readFully(byte[] buf, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            done += read(buf, off + done, len - done);
        }
    }

    byte[] firstBytes() {
        return first.toByteArray();
    }

    /** After a non-TLS first byte: collect a little more of the answer for the evidence, best effort. */
    void drainForEvidence(java.net.Socket socket) {
        try {
            socket.setSoTimeout(300);
            byte[] buf = new byte[FIRST_BYTES];
            while (first.size() < FIRST_BYTES) {
                read(buf, 0, FIRST_BYTES - first.size());
            }
        } catch (IOException e) {
            // the evidence is what we have
        }
    }

    static Ended ended(SocketException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (m.contains("reset") || m.contains("broken pipe") || m.contains("aborted")) {
            return new Ended(TransportEnd.RESET, e.getMessage());
        }
        if (m.contains("closed")) {
            return new Ended(TransportEnd.EOF, e.getMessage());
        }
        return new Ended(TransportEnd.RESET, e.getMessage());
    }
}
