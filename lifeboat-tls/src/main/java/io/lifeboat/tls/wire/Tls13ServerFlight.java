package io.lifeboat.tls.wire;

import io.lifeboat.tls.wire.EphemeralKeyShare;
import io.lifeboat.tls.wire.Tls13KeySchedule;
import io.lifeboat.tls.wire.Tls13RecordCipher;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.bouncycastle.crypto.InvalidCipherTextException;

/**
 * A push parser for a TLS 1.3 server's first flight that reads through the encryption: from the
 * ServerHello's key share and our own ephemeral key it derives the server's handshake traffic keys
 * (RFC 8446 §7.1), opens the protected records and reads EncryptedExtensions, CertificateRequest and
 * Certificate. It stops at the Certificate: nothing is verified or answered, because the scanner
 * only needs the chain, which it judges afterwards with PKIX. It never sees a socket.
 *
 * <p>Bounds as {@link ServerFlight}: 2^14 + 2048 bytes per record, 256 KiB per handshake message,
 * 1 MiB in all; anything else malformed, including a record that does not authenticate, is a
 * {@link WireFormatException}.
 */
public final class Tls13ServerFlight {
    /** How the flight ended, as far as the reader is concerned. */
    public sealed interface Outcome {
        /** The Certificate message: DER certificates, leaf first. */
        record Chain(int suite, int group, List<byte[]> certificates, boolean clientCertificateRequested) implements Outcome {
            public Chain {
                certificates = List.copyOf(certificates);
            }
        }

        /** A HelloRetryRequest asking for a key share of {@code group}. */
        record RetryRequest(int suite, int group) implements Outcome { }

        /** An alert before any key was agreed. */
        record Refused(Alert alert) implements Outcome { }

        /** The server chose a suite whose record protection we cannot open. */
        record UnreadableSuite(int suite) implements Outcome { }

        /** The server answered with a version other than TLS 1.3. */
        record OtherVersion(int version) implements Outcome { }

        /** An alert sent under the handshake keys (the keys were right, the server gave up). */
        record EncryptedAlert(Alert alert) implements Outcome { }
    }

    private final byte[] clientHello;
    private final IntFunction<Optional<EphemeralKeyShare>> shares;
    private byte[] buf = new byte[4096];
    private int size;
    private long consumed;
    private long total;
    private final WireWriter handshake = new WireWriter();
    private int handshakeRead;
    private Tls13RecordCipher cipher;
    private Tls13KeySchedule.TrafficKeys keys;
    private long sequence;
    private int suite;
    private int group;
    private boolean certificateRequested;
    private Outcome outcome;

    /**
     * @param clientHelloMessage the ClientHello handshake message as sent (type, length, body), for the transcript
     * @param shares             our key pair for a group wire id, if we offered one
     */
    public Tls13ServerFlight(byte[] clientHelloMessage, IntFunction<Optional<EphemeralKeyShare>> shares) {
        this.clientHello = clientHelloMessage.clone();
        this.shares = shares;
    }

    public Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    public long bytesReceived() {
        return total;
    }

    /** The first bytes received (for "this is not TLS" evidence). */
    public byte[] head(int n) {
        return Arrays.copyOf(buf, Math.min(n, size));
    }

    public void feed(byte[] b, int off, int len) {
        total += len;
        if (total > ServerFlight.MAX_TOTAL) {
            throw new WireFormatException(consumed, "server sent more than " + ServerFlight.MAX_TOTAL + " bytes before its Certificate");
        }
        if (size + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
        }
        System.arraycopy(b, off, buf, size, len);
        size += len;
        while (outcome == null && size >= 5) {
            int type = buf[0] & 0xFF;
            if (type < Wire.CHANGE_CIPHER_SPEC || type > Wire.APPLICATION_DATA || buf[1] != 3) {
                throw new WireFormatException(consumed, String.format("not a TLS record header: %02x %02x %02x",
                        type, buf[1] & 0xFF, buf[2] & 0xFF));
            }
            int bodyLen = (buf[3] & 0xFF) << 8 | buf[4] & 0xFF;
            if (bodyLen > Wire.MAX_RECORD_BODY) {
                throw new WireFormatException(consumed + 3, "record length " + bodyLen + " exceeds " + Wire.MAX_RECORD_BODY);
            }
            if (size < 5 + bodyLen) {
                return;
            }
            byte[] header = Arrays.copyOf(buf, 5);
            byte[] body = Arrays.copyOfRange(buf, 5, 5 + bodyLen);
            long at = consumed + 5;
            System.arraycopy(buf, 5 + bodyLen, buf, 0, size - 5 - bodyLen);
            size -= 5 + bodyLen;
            consumed += 5 + bodyLen;
            record(type, header, body, at);
        }
    }

    private void record(int type, byte[] header, byte[] body, long at) {
        switch (type) {
            case Wire.CHANGE_CIPHER_SPEC -> {
                // RFC 8446 Appendix D.4: a middlebox-compatibility CCS; it carries nothing.
            }
            case Wire.ALERT -> {
                if (keys != null) {
                    throw new WireFormatException(at, "plaintext alert after the keys changed");
                }
                outcome = new Outcome.Refused(Alert.parse(new WireReader(body, 0, body.length, at)));
            }
            case Wire.HANDSHAKE -> {
                if (keys != null) {
                    throw new WireFormatException(at, "plaintext handshake record after the ServerHello");
                }
                handshakeBytes(body, at);
            }
            default -> {
                if (keys == null) {
                    throw new WireFormatException(at, "application_data record before the ServerHello");
                }
                protectedRecord(header, body, at);
            }
        }
    }

    private void protectedRecord(byte[] header, byte[] body, long at) {
        byte[] inner;
        try {
            inner = cipher.open(keys.key(), keys.nonce(sequence++), header, body);
        } catch (InvalidCipherTextException e) {
            throw new WireFormatException(at, "record does not authenticate under the derived handshake keys ("
                    + e.getMessage() + ")");
        }
        int end = inner.length;
        while (end > 0 && inner[end - 1] == 0) {
            end--;
        }
        if (end == 0) {
            throw new WireFormatException(at, "protected record without a content type");
        }
        int type = inner[end - 1] & 0xFF;
        byte[] content = Arrays.copyOf(inner, end - 1);
        if (type == Wire.ALERT) {
            outcome = new Outcome.EncryptedAlert(Alert.parse(new WireReader(content, 0, content.length, at)));
        } else if (type == Wire.HANDSHAKE) {
            handshakeBytes(content, at);
        } else {
            throw new WireFormatException(at, "protected record of type " + type + " before the Certificate");
        }
    }

    private void handshakeBytes(byte[] fragment, long at) {
        handshake.bytes(fragment);
        byte[] all = handshake.toByteArray();
        while (outcome == null && all.length - handshakeRead >= 4) {
            WireReader head = new WireReader(all, handshakeRead, all.length, at);
            int msgType = head.u8("handshake type");
            int len = head.u24("handshake length");
            if (len > ServerFlight.MAX_HANDSHAKE_MESSAGE) {
                throw new WireFormatException(at, "handshake message of " + len + " bytes exceeds " + ServerFlight.MAX_HANDSHAKE_MESSAGE);
            }
            if (all.length - handshakeRead < 4 + len) {
                return;
            }
            byte[] message = Arrays.copyOfRange(all, handshakeRead, handshakeRead + 4 + len);
            WireReader msg = head.sub(len, "handshake message " + msgType);
            handshakeRead += 4 + len;
            message(msgType, msg, message, at);
            if (keys != null && msgType == Wire.SERVER_HELLO) {
                // Whatever followed the ServerHello in this record is under the new keys: a server may
                // not put it there (RFC 8446 §5.1), so the rest of this buffer must be empty.
                if (handshakeRead != all.length) {
                    throw new WireFormatException(at, "handshake data after the ServerHello in the same plaintext record");
                }
                handshake.reset();
                handshakeRead = 0;
                return;
            }
        }
    }

    private void message(int type, WireReader msg, byte[] raw, long at) {
        if (keys == null) {
            if (type != Wire.SERVER_HELLO) {
                throw new WireFormatException(at, "handshake message " + type + " before the ServerHello");
            }
            serverHello(ServerHello.parseBody(msg), raw, at);
            return;
        }
        switch (type) {
            case Wire.ENCRYPTED_EXTENSIONS -> msg.bytes(msg.remaining(), "encrypted_extensions");
            case Wire.CERTIFICATE_REQUEST -> {
                certificateRequested = true;
                msg.bytes(msg.remaining(), "certificate_request");
            }
            case Wire.CERTIFICATE -> outcome = new Outcome.Chain(suite, group, certificates(msg), certificateRequested);
            default -> throw new WireFormatException(at, "handshake message " + type + " where the Certificate belongs");
        }
    }

    private void serverHello(ServerHello hello, byte[] raw, long at) {
        suite = hello.cipherSuite();
        if (hello.negotiatedVersion() != 0x0304) {
            outcome = new Outcome.OtherVersion(hello.negotiatedVersion());
            return;
        }
        if (hello.helloRetryRequest()) {
            outcome = new Outcome.RetryRequest(suite, hello.keyShareGroup().orElse(-1));
            return;
        }
        Optional<Tls13RecordCipher> c = Tls13RecordCipher.forSuite(suite);
        if (c.isEmpty()) {
            outcome = new Outcome.UnreadableSuite(suite);
            return;
        }
        Extension ks = Extension.find(hello.extensions(), Wire.EXT_KEY_SHARE);
        if (ks == null) {
            throw new WireFormatException(at, "TLS 1.3 ServerHello without key_share");
        }
        WireReader r = new WireReader(ks.data(), 0, ks.data().length, at);
        group = r.u16("key_share group");
        byte[] serverShare = r.vector16("key_exchange");
        r.expectEnd("key_share");
        EphemeralKeyShare ours = shares.apply(group).orElseThrow(() ->
                new WireFormatException(at, String.format("server chose key share group 0x%04X, which we did not offer", group)));
        byte[] secret;
        try {
            secret = ours.agree(serverShare);
        } catch (GeneralSecurityException e) {
            throw new WireFormatException(at, "server key share is not a valid " + ours.group() + " key: " + e.getMessage());
        }
        cipher = c.get();
        byte[] transcript = cipher.hash().hash(clientHello, raw);
        keys = Tls13KeySchedule.trafficKeys(cipher, Tls13KeySchedule.serverHandshakeSecret(cipher.hash(), secret, transcript));
    }

    /** RFC 8446 §4.4.2: certificate_request_context, then entries of cert_data and extensions. */
    private static List<byte[]> certificates(WireReader msg) {
        msg.vector8("certificate_request_context");
        WireReader list = msg.sub(msg.u24("certificate_list length"), "certificate_list");
        List<byte[]> out = new ArrayList<>();
        while (list.hasRemaining()) {
            out.add(list.bytes(list.u24("cert_data length"), "cert_data"));
            list.vector16("certificate entry extensions");
        }
        msg.expectEnd("Certificate");
        return out;
    }
}
