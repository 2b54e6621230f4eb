package io.lifeboat.tls.diagnosis.probe;

import io.lifeboat.tls.ProtocolVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * A minimal hand-made ClientHello (RFC 5246 §7.4.1.2), so the probe can offer what the process's
 * own TLS stack refuses to send (TLS 1.0/1.1, any suite). Only used to ask "would you answer
 * this?"; no handshake is continued. The scanner module has a full codec; dedupe when both are on
 * main (lifeboat-tls cannot depend on lifeboat-scan, so the codec would move here).
 */
final class LegacyClientHello {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int[] GROUPS = {0x001d, 0x0017, 0x0018, 0x0019};
    private static final int[] SIGNATURE_SCHEMES = {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806,
        0x0601, 0x0603, 0x0201, 0x0203};

    private LegacyClientHello() {
    }

    /**
     * @param max    the client_version to offer (TLS 1.0 .. 1.2)
     * @param suites cipher-suite wire ids in preference order
     * @param sni    a DNS host name for server_name, or null
     */
    static byte[] encode(ProtocolVersion max, List<Integer> suites, String sni) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, max.wireId());
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        body.writeBytes(random);
        body.write(0); // empty session id
        u16(body, suites.size() * 2 + 2);
        suites.forEach(s -> u16(body, s));
        u16(body, 0x00ff); // TLS_EMPTY_RENEGOTIATION_INFO_SCSV
        body.write(1);
        body.write(0); // null compression only
        byte[] ext = extensions(max, sni);
        u16(body, ext.length);
        body.writeBytes(ext);

        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        hs.write(1); // client_hello
        u24(hs, body.size());
        hs.writeBytes(body.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(0x16);
        u16(record, ProtocolVersion.TLS_1_0.wireId()); // record version of a maximally compatible hello
        u16(record, hs.size());
        record.writeBytes(hs.toByteArray());
        return record.toByteArray();
    }

    private static byte[] extensions(ProtocolVersion max, String sni) {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        if (sni != null) {
            byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
            u16(ext, 0x0000);
            u16(ext, name.length + 5);
            u16(ext, name.length + 3);
            ext.write(0);
            u16(ext, name.length);
            ext.writeBytes(name);
        }
        u16(ext, 0x000a); // supported_groups
        u16(ext, GROUPS.length * 2 + 2);
        u16(ext, GROUPS.length * 2);
        for (int g : GROUPS) {
            u16(ext, g);
        }
        u16(ext, 0x000b); // ec_point_formats: uncompressed
        u16(ext, 2);
        ext.write(1);
        ext.write(0);
        if (max == ProtocolVersion.TLS_1_2) {
            u16(ext, 0x000d); // signature_algorithms
            u16(ext, SIGNATURE_SCHEMES.length * 2 + 2);
            u16(ext, SIGNATURE_SCHEMES.length * 2);
            for (int s : SIGNATURE_SCHEMES) {
                u16(ext, s);
            }
        }
        return ext.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write((v >>> 8) & 0xff);
        out.write(v & 0xff);
    }

    private static void u24(ByteArrayOutputStream out, int v) {
        out.write((v >>> 16) & 0xff);
        u16(out, v & 0xffff);
    }
}
