package io.lifeboat.scan.net.starttls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The plaintext conversation before TLS, over a connected socket's streams (the socket's read
 * timeout bounds every read). Reads byte by byte so that not one byte of the TLS that follows is
 * swallowed. Lines and replies are bounded: a peer that talks forever is a {@link StartTlsException}.
 */
final class Dialogue {
    private static final int MAX_LINE = 4096;
    private static final int MAX_LINES = 100;

    private final InputStream in;
    private final OutputStream out;
    private final String protocol;

    Dialogue(InputStream in, OutputStream out, String protocol) {
        this.in = in;
        this.out = out;
        this.protocol = protocol;
    }

    void send(String line) throws IOException {
        write(line.getBytes(StandardCharsets.US_ASCII));
    }

    void write(byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw fail("the server closed the connection");
        }
        return b;
    }

    byte[] readExactly(int n) throws IOException {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) read();
        }
        return b;
    }

    /** One line without its CR LF. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = read();
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            if (line.size() >= MAX_LINE) {
                throw fail("a line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    /** A numeric reply (SMTP, FTP): "250-..." lines continue, "250 ..." ends it. Returns all lines. */
    String readNumericReply() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < MAX_LINES; i++) {
            String line = readLine();
            all.append(all.length() == 0 ? "" : " | ").append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return all.toString();
            }
        }
        throw fail("a reply of more than " + MAX_LINES + " lines");
    }

    /** Fails unless {@code reply} starts with {@code code}, quoting it. */
    void expect(String reply, String code, String step) throws StartTlsException {
        if (!reply.startsWith(code)) {
            throw fail(step + " was answered \"" + printable(reply) + "\", not " + code);
        }
    }

    StartTlsException fail(String why) {
        return new StartTlsException(protocol + " STARTTLS: " + why);
    }

    static String printable(String s) {
        String t = s.length() > 160 ? s.substring(0, 160) + "..." : s;
        return t.replaceAll("[^\\x20-\\x7e]", ".");
    }
}
