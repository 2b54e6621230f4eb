package io.lifeboat.tls.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * An SSL 2.0 SERVER-HELLO (message type 4).
 *
 * @param version     the server's version (0x0002 for SSL 2.0)
 * @param certificate the DER certificate (certificate_type 1 = X.509), possibly empty
 * @param cipherSpecs the three-byte cipher kinds the server accepts from our list
 */
public record Ssl2ServerHello(int version, byte[] certificate, List<Integer> cipherSpecs) {

    public Ssl2ServerHello {
        cipherSpecs = List.copyOf(cipherSpecs);
    }

    /** Parses the body of a two-byte-header SSL 2.0 record (after the header). */
    public static Ssl2ServerHello parseRecordBody(WireReader r) {
        int type = r.u8("SSL 2.0 message type");
        if (type == 0) {
            int code = r.u16("SSL 2.0 error code");
            throw new WireFormatException(r.offset(), "SSL 2.0 ERROR message, code " + code);
        }
        if (type != 4) {
            throw new WireFormatException(r.offset() - 1, "SSL 2.0 message type " + type + " is not SERVER-HELLO (4)");
        }
        r.u8("session_id_hit");
        r.u8("certificate_type");
        int version = r.u16("server_version");
        int certLen = r.u16("certificate_length");
        int specsLen = r.u16("cipher_specs_length");
        int connIdLen = r.u16("connection_id_length");
        if (specsLen % 3 != 0) {
            throw new WireFormatException(r.offset() - 4, "cipher_specs_length " + specsLen + " is not a multiple of 3");
        }
        byte[] cert = r.bytes(certLen, "certificate");
        List<Integer> specs = new ArrayList<>();
        for (int i = 0; i < specsLen / 3; i++) {
            specs.add(r.u24("cipher spec"));
        }
        r.bytes(connIdLen, "connection_id");
        return new Ssl2ServerHello(version, cert, specs);
    }
}
