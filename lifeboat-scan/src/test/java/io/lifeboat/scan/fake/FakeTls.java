package io.lifeboat.scan.fake;

import io.lifeboat.tls.wire.ClientHello;
import io.lifeboat.tls.wire.Extension;
import io.lifeboat.tls.wire.Wire;
import io.lifeboat.tls.wire.WireReader;
import io.lifeboat.tls.wire.WireWriter;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.Set;

/**
 * A scripted TLS 1.2-and-below server written with our own codec: it reads the ClientHello and answers
 * with a ServerHello (for the best suite by its own order among those offered, at the client's
 * version when accepted) and ServerHelloDone, or a handshake_failure / protocol_version alert. It has
 * no certificate and cannot finish a handshake; it is for testing the probes' logic and the fleet.
 *
 * @param versions       legacy version ids accepted (0x0301..0x0303)
 * @param suites         accepted suites, in the server's order
 * @param fallbackScsv   answer a fallback hello below the newest version with inappropriate_fallback
 * @param renegotiation  echo renegotiation_info (RFC 5746)
 * @param compression    choose DEFLATE when offered
 */
public record FakeTls(Set<Integer> versions, List<Integer> suites, boolean fallbackScsv, boolean renegotiation,
        boolean compression) implements LoopbackServer.Behaviour {

    @Override
    public void serve(Socket socket, Runnable done) throws IOException {
        socket.setSoTimeout(5000);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] header = new byte[5];
        in.readFully(header);
        if (header[0] != Wire.HANDSHAKE) {
            return; // an SSL 2.0 hello: this server does not speak SSL 2.0 and just hangs up
        }
        int len = (header[3] & 0xFF) << 8 | header[4] & 0xFF;
        byte[] body = new byte[len];
        in.readFully(body);
        WireReader r = new WireReader(body);
        r.u8("type");
        WireReader msg = r.sub(r.u24("length"), "hello");
        ClientHello hello = ClientHello.parseBody(msg);
        OutputStream out = socket.getOutputStream();
        int version = hello.legacyVersion();
        int newest = versions.stream().max(Integer::compare).orElse(0);
        if (!versions.contains(version)) {
            done.run();
            out.write(alert(Wire.ALERT, 70));
            return;
        }
        if (fallbackScsv && hello.cipherSuites().contains(Wire.TLS_FALLBACK_SCSV) && version < newest) {
            done.run();
            out.write(alert(Wire.ALERT, 86));
            return;
        }
        Integer chosen = suites.stream().filter(hello.cipherSuites()::contains).findFirst().orElse(null);
        if (chosen == null) {
            done.run();
            out.write(alert(Wire.ALERT, 40));
            return;
        }
        boolean deflate = compression && hello.compressions().contains(Wire.COMPRESSION_DEFLATE);
        boolean ri = renegotiation && hello.cipherSuites().contains(Wire.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
        WireWriter sh = new WireWriter();
        sh.u8(Wire.SERVER_HELLO).vector24(b -> {
            b.u16(version).bytes(new byte[32]).vector8(s -> { }).u16(chosen).u8(deflate ? 1 : 0);
            if (ri) {
                b.vector16(e -> new Extension(Wire.EXT_RENEGOTIATION_INFO, new byte[] {0}).write(e));
            }
        });
        sh.u8(Wire.SERVER_HELLO_DONE).u24(0);
        done.run();
        out.write(ClientHello.frame(Wire.HANDSHAKE, version, sh.toByteArray()));
        out.flush();
    }

    static byte[] alert(int type, int description) {
        return new byte[] {(byte) type, 3, 3, 0, 2, 2, (byte) description};
    }
}
