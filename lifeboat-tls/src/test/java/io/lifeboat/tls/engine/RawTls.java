package io.lifeboat.tls.engine;

import io.lifeboat.tls.wire.ClientHello;
import io.lifeboat.tls.wire.Extension;
import io.lifeboat.tls.wire.Extensions;
import io.lifeboat.tls.wire.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A ClientHello written by the shared codec ({@code io.lifeboat.tls.wire}), and the first record the
 * server answers with: no JSSE, so the test can offer what a modern stack refuses to send (TLS 1.0, CBC only).
 */
final class RawTls {
    static final int TLS_1_0 = 0x0301;
    static final int TLS_1_1 = 0x0302;
    static final int TLS_1_2 = 0x0303;
    static final int TLS_1_3 = 0x0304;
    static final int ECDHE_ECDSA_AES128_GCM = 0xC02B;
    static final int ECDHE_RSA_AES128_GCM = 0xC02F;
    static final int ECDHE_ECDSA_AES128_CBC_SHA = 0xC009;
    static final int ECDHE_ECDSA_AES256_CBC_SHA = 0xC00A;
    static final int RSA_AES128_CBC_SHA = 0x002F;
    static final int RSA_AES128_GCM = 0x009C;
    static final int FALLBACK_SCSV = 0x5600;
    static final byte[] DOWNGRADE_TLS12 = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01};

    private RawTls() {
    }

    /** The first record from the server: an alert, or a ServerHello. */
    record Answer(int contentType, int alertLevel, int alertDescription, int serverVersion, byte[] random,
            int cipherSuite) {
        boolean isAlert() {
            return contentType == 21;
        }

        boolean isServerHello() {
            return contentType == 22;
        }

        byte[] randomTail() {
            return Arrays.copyOfRange(random, 24, 32);
        }
    }

    /**
     * @param legacyVersion     the ClientHello's version (its highest when there is no supported_versions)
     * @param supportedVersions null for no supported_versions extension
     */
    static byte[] clientHello(int recordVersion, int legacyVersion, int[] suites, int[] supportedVersions) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        List<Extension> ext = new ArrayList<>(List.of(
                Extensions.supportedGroups(List.of(0x001d, 0x0017, 0x0018, 0x0019)), // x25519, P-256/384/521
                Extensions.ecPointFormats(),
                Extensions.signatureAlgorithms(List.of(0x0403, 0x0503, 0x0804, 0x0401, 0x0501, 0x0201, 0x0203)),
                Extensions.renegotiationInfo()));
        if (supportedVersions != null) {
            ext.add(Extensions.supportedVersions(IntStream.of(supportedVersions).boxed().toList()));
        }
        return new ClientHello(legacyVersion, random, new byte[0], IntStream.of(suites).boxed().toList(),
                List.of(Wire.COMPRESSION_NULL), ext).toRecords(recordVersion);
    }

    /** Sends {@code hello} and reads the first record back. */
    static Answer exchange(int port, byte[] hello) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(hello);
            s.getOutputStream().flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int type = in.readUnsignedByte();
            in.readUnsignedShort();
            int len = in.readUnsignedShort();
            byte[] frag = new byte[len];
            in.readFully(frag);
            if (type == 21) {
                return new Answer(type, frag[0] & 0xff, frag[1] & 0xff, 0, null, 0);
            }
            if (type != 22 || frag[0] != 2) {
                throw new EOFException("neither an alert nor a ServerHello: type " + type);
            }
            int version = ((frag[4] & 0xff) << 8) | (frag[5] & 0xff);
            byte[] random = Arrays.copyOfRange(frag, 6, 38);
            int sidLen = frag[38] & 0xff;
            int suite = ((frag[39 + sidLen] & 0xff) << 8) | (frag[40 + sidLen] & 0xff);
            return new Answer(type, 0, 0, version, random, suite);
        }
    }
}
