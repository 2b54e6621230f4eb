package io.lifeboat.scan.net.starttls;

import java.io.IOException;

/** The line-based STARTTLS dialogues: SMTP (RFC 3207), IMAP (RFC 3501 §6.2.1), POP3 (RFC 2595), FTP (RFC 4217). */
final class TextStartTls {
    private TextStartTls() {
    }

    static void smtp(Dialogue d) throws IOException {
        d.expect(d.readNumericReply(), "220", "the greeting");
        d.send("EHLO lifeboat.invalid\r\n");
        String ehlo = d.readNumericReply();
        d.expect(ehlo, "250", "EHLO");
        if (!ehlo.toUpperCase(java.util.Locale.ROOT).contains("STARTTLS")) {
            throw d.fail("the server does not offer STARTTLS (EHLO: \"" + Dialogue.printable(ehlo) + "\")");
        }
        d.send("STARTTLS\r\n");
        d.expect(d.readNumericReply(), "220", "STARTTLS");
    }

    static void imap(Dialogue d) throws IOException {
        d.expect(d.readLine(), "* OK", "the greeting");
        d.send("a1 STARTTLS\r\n");
        for (int i = 0; i < 100; i++) {
            String line = d.readLine();
            if (line.startsWith("a1 ")) {
                d.expect(line, "a1 OK", "STARTTLS");
                return;
            }
        }
        throw d.fail("no tagged answer to STARTTLS");
    }

    static void pop3(Dialogue d) throws IOException {
        d.expect(d.readLine(), "+OK", "the greeting");
        d.send("STLS\r\n");
        d.expect(d.readLine(), "+OK", "STLS");
    }

    static void ftp(Dialogue d) throws IOException {
        d.expect(d.readNumericReply(), "220", "the greeting");
        d.send("AUTH TLS\r\n");
        d.expect(d.readNumericReply(), "234", "AUTH TLS");
    }
}
