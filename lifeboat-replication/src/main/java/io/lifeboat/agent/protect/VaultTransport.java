package io.lifeboat.agent.protect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One blocking HTTPS exchange with the vault over mutual TLS. The agent's {@code VaultClient}
 * provides it; tests may route requests straight into a vault handler. An {@link IOException}
 * means the vault could not be reached or the link was cut: the caller may retry.
 */
@FunctionalInterface
public interface VaultTransport {
    Reply send(Request request) throws IOException;

    /**
     * POSTs a body given as views, in order (a block batch: headers and the blocks where they lie).
     * The default joins them into one array for {@link #send}; the agent's HTTPS transport writes
     * them as they are, so no block is copied into a body first. The views are not changed, so a
     * retry may send them again.
     */
    default Reply post(String path, String contentType, List<ByteBuffer> body) throws IOException {
        return send(Request.post(path, contentType, join(body)));
    }

    /** The views' bytes, one after the other, in a new array. */
    static byte[] join(List<ByteBuffer> views) {
        long total = length(views);
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a request body of " + total + " bytes does not fit one array");
        }
        byte[] out = new byte[(int) total];
        int at = 0;
        for (ByteBuffer v : views) {
            int n = v.remaining();
            v.get(v.position(), out, at, n);
            at += n;
        }
        return out;
    }

    /** Bytes the views hold. */
    static long length(List<ByteBuffer> views) {
        long total = 0;
        for (ByteBuffer v : views) {
            total += v.remaining();
        }
        return total;
    }

    /**
     * Called once when the caller gives up retrying: may find and log the cause (the agent's
     * transport asks the doctor's classifier) and returns the exception to throw.
     */
    default io.lifeboat.tls.LifeboatException explain(io.lifeboat.tls.LifeboatException failure) {
        return failure;
    }

    /** @param contentType null when there is no body */
    record Request(String method, String path, String contentType, byte[] body) {
        public static Request get(String path) {
            return new Request("GET", path, null, new byte[0]);
        }

        public static Request post(String path, String contentType, byte[] body) {
            return new Request("POST", path, contentType, body);
        }
    }

    /** @param tlsVersion, cipherSuite of the session that carried it, null when unknown */
    record Reply(int status, String contentType, byte[] body, String tlsVersion, String cipherSuite) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }
}
