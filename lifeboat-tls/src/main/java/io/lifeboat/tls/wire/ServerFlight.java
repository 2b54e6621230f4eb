package io.lifeboat.tls.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A push parser for what a server sends in answer to a hello. Feed it bytes as they arrive; it
 * frames records (or one SSL 2.0 record), reassembles handshake messages across records and turns
 * them into {@link ServerMessage}s. It never sees a socket.
 *
 * <p>Bounds: a record body larger than 2^14 + 2048 bytes, a handshake message larger than 256 KiB
 * or more than 1 MiB in total is a {@link WireFormatException}, as is a byte that cannot start a
 * record. After a TLS 1.3 ServerHello (or a ChangeCipherSpec) everything is encrypted and reported
 * as {@link ServerMessage.Encrypted}.
 */
public final class ServerFlight {
    public static final int MAX_HANDSHAKE_MESSAGE = 1 << 18;
    public static final int MAX_TOTAL = 1 << 20;

    private byte[] buf = new byte[4096];
    private int size;
    private long consumed;
    private long total;
    private boolean ssl2;
    private boolean encrypted;
    private final WireWriter handshake = new WireWriter();
    private long handshakeStart;
    private int handshakeRead;
    private final List<ServerMessage> messages = new ArrayList<>();

    public List<ServerMessage> messages() {
        return messages;
    }

    /** Total bytes fed so far. */
    public long bytesReceived() {
        return total;
    }

    /** The first bytes received, for telling the user what the peer sent instead of TLS. */
    public byte[] head(int n) {
        return Arrays.copyOf(buf, Math.min(n, size));
    }

    public void feed(byte[] b, int off, int len) {
        total += len;
        if (total > MAX_TOTAL) {
            throw new WireFormatException(consumed, "server sent more than " + MAX_TOTAL + " bytes without finishing its hello");
        }
        if (size + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
        }
        System.arraycopy(b, off, buf, size, len);
        size += len;
        drain();
    }

    private void drain() {
        while (true) {
            if (size < 2 || (!ssl2 && size < 5)) {
                if (consumed == 0 && size >= 1) {
                    checkFirstByte(buf[0] & 0xFF);
                }
                return;
            }
            int first = buf[0] & 0xFF;
            if (consumed == 0) {
                checkFirstByte(first);
                if (first >= 0x80) {
                    ssl2 = true;
                }
            }
            int bodyLen;
            int headerLen;
            if (ssl2) {
                headerLen = 2;
                bodyLen = (first & 0x7F) << 8 | buf[1] & 0xFF;
            } else {
                headerLen = 5;
                int major = buf[1] & 0xFF;
                if (first < Wire.CHANGE_CIPHER_SPEC || first > Wire.HEARTBEAT || major != 3) {
                    throw new WireFormatException(consumed, String.format("not a TLS record header: %02x %02x %02x", first, major, buf[2] & 0xFF));
                }
                bodyLen = (buf[3] & 0xFF) << 8 | buf[4] & 0xFF;
                if (bodyLen > Wire.MAX_RECORD_BODY) {
                    throw new WireFormatException(consumed + 3, "record length " + bodyLen + " exceeds " + Wire.MAX_RECORD_BODY);
                }
            }
            if (size < headerLen + bodyLen) {
                return;
            }
            WireReader body = new WireReader(buf, headerLen, headerLen + bodyLen, consumed + headerLen);
            if (ssl2) {
                messages.add(new ServerMessage.Ssl2Hello(Ssl2ServerHello.parseRecordBody(body)));
            } else {
                record(first, body);
            }
            int n = headerLen + bodyLen;
            System.arraycopy(buf, n, buf, 0, size - n);
            size -= n;
            consumed += n;
        }
    }

    private void checkFirstByte(int first) {
        if (first < 0x80 && (first < Wire.CHANGE_CIPHER_SPEC || first > Wire.HEARTBEAT)) {
            throw new WireFormatException(0, String.format("not TLS: first byte 0x%02x is no record type", first));
        }
    }

    private void record(int type, WireReader body) {
        if (encrypted && type != Wire.ALERT && type != Wire.CHANGE_CIPHER_SPEC) {
            messages.add(new ServerMessage.Encrypted(type, body.remaining()));
            return;
        }
        switch (type) {
            case Wire.ALERT -> {
                if (encrypted) {
                    messages.add(new ServerMessage.Encrypted(type, body.remaining()));
                } else {
                    while (body.hasRemaining()) {
                        messages.add(new ServerMessage.AlertReceived(Alert.parse(body)));
                    }
                }
            }
            case Wire.CHANGE_CIPHER_SPEC -> {
                body.bytes(body.remaining(), "change_cipher_spec");
                messages.add(new ServerMessage.ChangeCipherSpec());
                encrypted = true;
            }
            case Wire.HANDSHAKE -> handshakeBytes(body);
            default -> messages.add(new ServerMessage.Encrypted(type, body.remaining()));
        }
    }

    private void handshakeBytes(WireReader body) {
        if (handshake.size() == handshakeRead) {
            handshakeStart = body.offset();
        }
        handshake.bytes(body.bytes(body.remaining(), "handshake fragment"));
        byte[] all = handshake.toByteArray();
        while (!encrypted) {
            int avail = all.length - handshakeRead;
            if (avail < 4) {
                break;
            }
            WireReader head = new WireReader(all, handshakeRead, all.length, handshakeStart);
            int msgType = head.u8("handshake type");
            int len = head.u24("handshake length");
            if (len > MAX_HANDSHAKE_MESSAGE) {
                throw new WireFormatException(head.offset() - 3, "handshake message of " + len + " bytes exceeds " + MAX_HANDSHAKE_MESSAGE);
            }
            if (avail < 4 + len) {
                break;
            }
            WireReader msg = head.sub(len, "handshake message " + msgType);
            handshakeRead += 4 + len;
            handshakeStart += 4 + len;
            messages.add(message(msgType, msg));
        }
    }

    private ServerMessage message(int type, WireReader msg) {
        switch (type) {
            case Wire.SERVER_HELLO: {
                ServerHello hello = ServerHello.parseBody(msg);
                if (!hello.helloRetryRequest() && hello.negotiatedVersion() == 0x0304) {
                    encrypted = true;
                }
                return new ServerMessage.Hello(hello);
            }
            case Wire.CERTIFICATE:
                return new ServerMessage.Certificates(CertificateMessage.parseBody(msg));
            case Wire.SERVER_KEY_EXCHANGE:
                return new ServerMessage.KeyExchange(msg.bytes(msg.remaining(), "server_key_exchange"));
            case Wire.SERVER_HELLO_DONE:
                msg.expectEnd("ServerHelloDone");
                return new ServerMessage.HelloDone();
            default:
                return new ServerMessage.OtherHandshake(type);
        }
    }
}
