package io.lifeboat.scan.net.starttls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * The protocols whose TLS starts after a plaintext request (STARTTLS and its kin), with their usual
 * port. {@link #upgrade} runs the request on a fresh connection; the TLS hello follows on the same
 * connection. A registry: a new protocol is a new line here.
 */
public enum StartTls {
    SMTP(25, TextStartTls::smtp),
    IMAP(143, TextStartTls::imap),
    POP3(110, TextStartTls::pop3),
    FTP(21, TextStartTls::ftp),
    LDAP(389, BinaryStartTls::ldap),
    POSTGRES(5432, BinaryStartTls::postgres),
    MYSQL(3306, BinaryStartTls::mysql);

    @FunctionalInterface
    interface Step {
        void run(Dialogue d) throws IOException;
    }

    private final int defaultPort;
    private final Step step;

    StartTls(int defaultPort, Step step) {
        this.defaultPort = defaultPort;
        this.step = step;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** "smtp", as the --starttls option spells it. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StartTls> fromCode(String code) {
        for (StartTls s : values()) {
            if (s.code().equalsIgnoreCase(code.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Asks the server to start TLS; on return the next bytes on the connection are TLS.
     *
     * @throws StartTlsException when the server does not agree, quoting what it said
     */
    public void upgrade(InputStream in, OutputStream out) throws IOException {
        step.run(new Dialogue(in, out, code()));
    }
}
