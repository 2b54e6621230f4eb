package io.lifeboat.scan.net.starttls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The binary STARTTLS requests: PostgreSQL's SSLRequest, MySQL's SSL request, LDAP's StartTLS extended operation. */
final class BinaryStartTls {
    /** PostgreSQL SSLRequest: length 8, code 80877103 (protocol docs, "SSL Session Encryption"). */
    private static final byte[] POSTGRES_SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xD2, 0x16, 0x2F};
    /** LDAPv3 ExtendedRequest, messageID 1, requestName 1.3.6.1.4.1.1466.20037 (RFC 4511 §4.14). */
    private static final byte[] LDAP_START_TLS;
    private static final int MYSQL_CLIENT_SSL = 0x0800;

    static {
        byte[] oid = "1.3.6.1.4.1.1466.20037".getBytes(StandardCharsets.US_ASCII);
        LDAP_START_TLS = new byte[7 + 2 + oid.length];
        byte[] head = {0x30, (byte) (5 + 2 + oid.length), 0x02, 0x01, 0x01, 0x77, (byte) (2 + oid.length)};
        System.arraycopy(head, 0, LDAP_START_TLS, 0, head.length);
        LDAP_START_TLS[7] = (byte) 0x80;
        LDAP_START_TLS[8] = (byte) oid.length;
        System.arraycopy(oid, 0, LDAP_START_TLS, 9, oid.length);
    }

    private BinaryStartTls() {
    }

    static void postgres(Dialogue d) throws IOException {
        d.write(POSTGRES_SSL_REQUEST);
        int answer = d.read();
        if (answer == 'N') {
            throw d.fail("the server answered 'N': SSL is off (ssl = off in postgresql.conf)");
        }
        if (answer != 'S') {
            throw d.fail(String.format("the server answered 0x%02x, not 'S'", answer));
        }
    }

    /** Reads the server's greeting, checks CLIENT_SSL, sends the 32-byte SSLRequest with sequence 1. */
    static void mysql(Dialogue d) throws IOException {
        byte[] head = d.readExactly(4);
        int len = (head[0] & 0xFF) | (head[1] & 0xFF) << 8 | (head[2] & 0xFF) << 16;
        if (len > 1 << 16) {
            throw d.fail("a greeting of " + len + " bytes");
        }
        byte[] greeting = d.readExactly(len);
        if (len < 1 || greeting[0] == (byte) 0xFF) {
            throw d.fail("the server refused the connection: \"" + Dialogue.printable(new String(greeting,
                    StandardCharsets.ISO_8859_1)) + "\"");
        }
        int at = 1;
        while (at < len && greeting[at] != 0) {
            at++; // server version, NUL-terminated
        }
        at += 1 + 4 + 8 + 1; // NUL, connection id, auth-plugin-data part 1, filler
        if (at + 2 > len) {
            throw d.fail("a greeting too short to hold capability flags");
        }
        int caps = (greeting[at] & 0xFF) | (greeting[at + 1] & 0xFF) << 8;
        if ((caps & MYSQL_CLIENT_SSL) == 0) {
            throw d.fail("the server does not offer SSL (no CLIENT_SSL capability)");
        }
        // CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SSL | CLIENT_SECURE_CONNECTION
        int ours = 0x0001 | 0x0200 | MYSQL_CLIENT_SSL | 0x8000;
        byte[] req = new byte[4 + 32];
        req[0] = 32;
        req[3] = 1; // sequence id
        req[4] = (byte) ours;
        req[5] = (byte) (ours >>> 8);
        req[11] = 0x01; // max packet 16 MiB: 0x01000000, little-endian at 8..11
        req[12] = 0x21; // utf8_general_ci
        d.write(req);
    }

    /** Sends the StartTLS extended request and checks the ExtendedResponse's resultCode is success. */
    static void ldap(Dialogue d) throws IOException {
        d.write(LDAP_START_TLS);
        if (d.read() != 0x30) {
            throw d.fail("the answer is not an LDAPMessage");
        }
        int len = d.read();
        if ((len & 0x80) != 0) {
            int n = len & 0x7F;
            if (n < 1 || n > 3) {
                throw d.fail("an LDAP length of " + n + " bytes");
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = len << 8 | d.read();
            }
        }
        if (len > 1 << 16) {
            throw d.fail("an LDAP answer of " + len + " bytes");
        }
        byte[] body = d.readExactly(len);
        for (int i = 0; i + 4 < body.length; i++) {
            if (body[i] == 0x78 && body[i + 2] == 0x0A && body[i + 3] == 0x01) {
                int rc = body[i + 4] & 0xFF;
                if (rc != 0) {
                    throw d.fail("the server answered StartTLS with resultCode " + rc);
                }
                return;
            }
        }
        throw d.fail("no ExtendedResponse in the answer");
    }
}
