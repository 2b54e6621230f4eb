package io.lifeboat.agent.protect;

import java.io.IOException;

/**
 * One blocking HTTPS exchange with the vault over mutual TLS. The agent's {@code VaultClient}
 * provides it; tests may route requests straight into a vault handler. An {@link IOException}
 * means the vault could not be reached or the link was cut: the caller may retry.
 */
@FunctionalInterface
public interface VaultTransport {
    Reply send(Request request) throws IOException;

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
