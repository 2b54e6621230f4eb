package io.lifeboat.scan.fake;

import io.lifeboat.tls.wire.ClientHello;
import io.lifeboat.tls.wire.Extension;
import io.lifeboat.tls.wire.ServerHello;
import io.lifeboat.tls.wire.Wire;
import io.lifeboat.tls.wire.WireReader;
import io.lifeboat.tls.wire.WireWriter;
import io.lifeboat.tls.NamedGroup;
import io.lifeboat.tls.wire.EphemeralKeyShare;
import io.lifeboat.tls.wire.Tls13KeySchedule;
import io.lifeboat.tls.wire.Tls13RecordCipher;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A scripted TLS 1.3-only server written with our own codec and key schedule: it answers a hello with
 * a HelloRetryRequest when no offered key share is of its groups, else a ServerHello, then
 * EncryptedExtensions and Certificate protected under the server handshake keys of the chosen suite.
 * It stops there (no CertificateVerify, no Finished). For the suites no peer here speaks (SM4, the
 * RFC 9150 integrity-only suites, GOST) and for a server whose records cannot be opened.
 *
 * @param suites    accepted TLS 1.3 suites, in the server's order
 * @param groups    accepted groups, in the server's order
 * @param chain     DER certificates to send, leaf first
 * @param garble    flip a byte of every protected record, so no reader can open them
 */
public record FakeTls13(List<Integer> suites, List<NamedGroup> groups, List<byte[]> chain, boolean garble)
        implements LoopbackServer.Behaviour {

    @Override
    public void serve(Socket socket, Runnable done) throws IOException {
        socket.setSoTimeout(5000);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] header = new byte[5];
        in.readFully(header);
        OutputStream out = socket.getOutputStream();
        if (header[0] != Wire.HANDSHAKE) {
            return;
        }
        byte[] body = new byte[(header[3] & 0xFF) << 8 | header[4] & 0xFF];
        in.readFully(body);
        WireReader r = new WireReader(body);
        r.u8("type");
        WireReader msg = r.sub(r.u24("length"), "hello");
        ClientHello hello = ClientHello.parseBody(msg);
        done.run();
        Extension sv = Extension.find(hello.extensions(), Wire.EXT_SUPPORTED_VERSIONS);
        if (sv == null || !u16s(Arrays.copyOfRange(sv.data(), 1, sv.data().length)).contains(0x0304)) {
            out.write(FakeTls.alert(Wire.ALERT, 70));
            return;
        }
        Integer suite = suites.stream().filter(hello.cipherSuites()::contains).findFirst().orElse(null);
        List<Integer> offeredGroups = u16s(data(hello, Wire.EXT_SUPPORTED_GROUPS, 2));
        NamedGroup group = groups.stream().filter(g -> offeredGroups.contains(g.wireId())).findFirst().orElse(null);
        if (suite == null || group == null) {
            out.write(FakeTls.alert(Wire.ALERT, 40));
            return;
        }
        byte[] clientShare = share(hello, group);
        if (clientShare == null) {
            out.write(ClientHello.frame(Wire.HANDSHAKE, 0x0303, serverHello(hello, suite,
                    ServerHello.HELLO_RETRY_REQUEST_RANDOM, w -> w.u16(group.wireId()))));
            return;
        }
        EphemeralKeyShare ours = EphemeralKeyShare.generate(group);
        byte[] sh = serverHello(hello, suite, new byte[32], w -> w.u16(group.wireId()).vector16(k -> k.bytes(ours.publicKey())));
        Tls13RecordCipher cipher = Tls13RecordCipher.forSuite(suite).orElse(Tls13RecordCipher.AES_128_GCM_SHA256);
        Tls13KeySchedule.TrafficKeys keys;
        try {
            byte[] secret = ours.agree(clientShare);
            byte[] transcript = cipher.hash().hash(hello.encode(), sh);
            keys = Tls13KeySchedule.trafficKeys(cipher, Tls13KeySchedule.serverHandshakeSecret(cipher.hash(), secret, transcript));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        WireWriter flight = new WireWriter();
        flight.u8(Wire.ENCRYPTED_EXTENSIONS).vector24(e -> e.vector16(x -> { }));
        flight.u8(Wire.CERTIFICATE).vector24(c -> c.vector8(ctx -> { }).vector24(list -> {
            for (byte[] der : chain) {
                list.vector24(d -> d.bytes(der)).vector16(x -> { });
            }
        }));
        WireWriter all = new WireWriter().bytes(ClientHello.frame(Wire.HANDSHAKE, 0x0303, sh))
                .bytes(new byte[] {Wire.CHANGE_CIPHER_SPEC, 3, 3, 0, 1, 1});
        byte[] plain = flight.toByteArray();
        long seq = 0;
        for (int at = 0; at < plain.length; at += 4000) {
            byte[] part = Arrays.copyOfRange(plain, at, Math.min(plain.length, at + 4000));
            byte[] inner = Arrays.copyOf(part, part.length + 1);
            inner[part.length] = Wire.HANDSHAKE;
            int len = inner.length + cipher.tagLength();
            byte[] aad = {Wire.APPLICATION_DATA, 3, 3, (byte) (len >>> 8), (byte) len};
            byte[] sealed = cipher.seal(keys.key(), keys.nonce(seq++), aad, inner);
            if (garble) {
                sealed[0] ^= 1;
            }
            all.bytes(aad).bytes(sealed);
        }
        out.write(all.toByteArray());
        out.flush();
    }

    private static byte[] serverHello(ClientHello hello, int suite, byte[] random,
            java.util.function.Consumer<WireWriter> keyShare) {
        WireWriter w = new WireWriter();
        w.u8(Wire.SERVER_HELLO).vector24(b -> {
            b.u16(0x0303).bytes(random).vector8(s -> s.bytes(hello.sessionId())).u16(suite).u8(0);
            b.vector16(e -> {
                e.u16(Wire.EXT_SUPPORTED_VERSIONS).vector16(v -> v.u16(0x0304));
                e.u16(Wire.EXT_KEY_SHARE).vector16(keyShare::accept);
            });
        });
        return w.toByteArray();
    }

    private static byte[] share(ClientHello hello, NamedGroup group) {
        WireReader r = new WireReader(data(hello, Wire.EXT_KEY_SHARE, 0));
        WireReader list = r.sub(r.u16("client_shares length"), "client_shares");
        while (list.hasRemaining()) {
            int g = list.u16("group");
            byte[] k = list.vector16("key_exchange");
            if (g == group.wireId()) {
                return k;
            }
        }
        return null;
    }

    private static byte[] data(ClientHello hello, int type, int skip) {
        Extension e = Extension.find(hello.extensions(), type);
        return e == null ? new byte[skip] : Arrays.copyOfRange(e.data(), skip, e.data().length);
    }

    private static List<Integer> u16s(byte[] b) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i + 1 < b.length; i += 2) {
            out.add((b[i] & 0xFF) << 8 | b[i + 1] & 0xFF);
        }
        return out;
    }
}
