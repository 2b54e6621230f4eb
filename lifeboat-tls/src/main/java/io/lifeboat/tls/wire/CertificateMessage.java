package io.lifeboat.tls.wire;

import java.util.ArrayList;
import java.util.List;

/** A TLS 1.0-1.2 (and SSL 3.0) Certificate message: the DER certificates, leaf first. */
public record CertificateMessage(List<byte[]> certificates) {

    public CertificateMessage {
        certificates = List.copyOf(certificates);
    }

    public static CertificateMessage parseBody(WireReader r) {
        WireReader list = r.sub(r.u24("certificate_list length"), "certificate_list");
        List<byte[]> out = new ArrayList<>();
        while (list.hasRemaining()) {
            out.add(list.bytes(list.u24("certificate length"), "certificate"));
        }
        r.expectEnd("Certificate");
        return new CertificateMessage(out);
    }
}
