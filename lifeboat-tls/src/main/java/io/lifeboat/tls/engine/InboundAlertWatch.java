package io.lifeboat.tls.engine;

import io.lifeboat.tls.diagnosis.TlsAlert;
import io.netty.buffer.ByteBuf;
import java.util.Optional;

/**
 * Watches the client's records after its ClientHello, without consuming them, for a plaintext alert:
 * a client that refuses the server's certificate sends one (in TLS 1.2, and in TLS 1.3 too before it
 * has installed its handshake keys, as OpenSSL does). The engines cannot always report it (they try
 * to decrypt it and fail on its length), so the alert code and its direction come from the wire.
 * A protected TLS 1.3 alert travels as application_data and is not seen here. Bounded by the caller.
 */
final class InboundAlertWatch {
    private final byte[] head = new byte[7];
    private int have;
    private int skip;
    private long watched;
    private volatile TlsAlert alert;
    private boolean done;

    /** The fatal alert the client sent in the clear, if any. */
    Optional<TlsAlert> alert() {
        return Optional.ofNullable(alert);
    }

    boolean done() {
        return done;
    }

    long watched() {
        return watched;
    }

    void feed(ByteBuf buf) {
        feed(buf, buf.readerIndex(), buf.writerIndex());
    }

    void feed(ByteBuf buf, int from, int to) {
        int pos = from;
        while (pos < to && !done) {
            if (skip > 0) {
                int n = Math.min(skip, to - pos);
                skip -= n;
                pos += n;
                watched += n;
                continue;
            }
            head[have++] = buf.getByte(pos++);
            watched++;
            if (have == 5) {
                int type = head[0] & 0xFF;
                int len = (head[3] & 0xFF) << 8 | head[4] & 0xFF;
                if (type < 20 || type > 24 || (head[1] & 0xFF) != 3) {
                    done = true; // not a record boundary we understand: stop watching
                } else if (type != 21 || len != 2) {
                    skip = len;
                    have = 0;
                }
            } else if (have == 7) {
                if ((head[5] & 0xFF) == 2) {
                    alert = TlsAlert.fromCode(head[6] & 0xFF).orElse(null);
                }
                done = true;
            }
        }
    }

    /** For a byte array (the bytes copied with the hello). */
    void feed(byte[] b, int from, int to) {
        feed(io.netty.buffer.Unpooled.wrappedBuffer(b), from, to);
    }
}
