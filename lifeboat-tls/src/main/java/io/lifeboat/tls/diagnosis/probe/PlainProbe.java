package io.lifeboat.tls.diagnosis.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks the port in plain text ({@code GET / HTTP/1.0}): a service that waits for a whole request
 * before answering says nothing to a ClientHello, but answers this.
 */
final class PlainProbe {
    private PlainProbe() {
    }

    /** The printable first line of the answer, or null when none came. */
    static String ask(String host, int port, Duration timeout) {
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), ms);
            s.setSoTimeout(ms);
            s.getOutputStream().write(("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            PeerStream r = new PeerStream(s.getInputStream());
            byte[] buf = new byte[PeerStream.FIRST_BYTES];
            r.read(buf, 0, buf.length);
            r.drainForEvidence(s);
            byte[] first = r.firstBytes();
            if (first.length > 0 && (first[0] == 0x15 || first[0] == 0x16)) {
                return null; // a TLS alert to a plaintext request: the port does speak TLS
            }
            String text = io.lifeboat.tls.diagnosis.Facts.printable(first);
            int eol = text.indexOf("\\r\\n");
            return eol > 0 ? text.substring(0, eol) : text;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
