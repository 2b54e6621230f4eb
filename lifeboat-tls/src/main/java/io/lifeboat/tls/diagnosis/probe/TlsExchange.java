package io.lifeboat.tls.diagnosis.probe;

import io.lifeboat.tls.diagnosis.HttpAnswer;
import io.lifeboat.tls.diagnosis.TlsAlert;
import io.lifeboat.tls.diagnosis.TransportEnd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * One TLS connection driven through an {@link SSLEngine} over a blocking socket: the handshake,
 * then {@code GET path}. Driving the engine by hand (rather than an SSLSocket) lets the probe see
 * every byte and every way the peer ends the stream. Records what happened; never throws for
 * anything the peer does.
 */
final class TlsExchange {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** What the exchange saw; see {@link io.lifeboat.tls.diagnosis.ConnectionEvidence} for the meaning. */
    record Outcome(boolean completed, String version, String suite, TlsAlert alertReceived, String localFailure,
            TransportEnd end, byte[] firstBytes, boolean notTls, HttpAnswer http) {
    }

    private final Socket socket;
    private final SSLEngine engine;
    private final PeerStream reader;
    private final OutputStream out;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private final ByteArrayOutputStream app = new ByteArrayOutputStream();
    private boolean closedByPeer;

    private TlsAlert alert;
    private String localFailure;
    private TransportEnd end = TransportEnd.NONE;
    private boolean notTls;

    TlsExchange(Socket socket, SSLEngine engine) throws IOException {
        this.socket = socket;
        this.engine = engine;
        this.reader = new PeerStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() + 64);
    }

    Outcome run(String hostHeader, String path) {
        boolean completed = false;
        String version = null;
        String suite = null;
        HttpAnswer http = null;
        try {
            handshake();
            completed = true;
            version = engine.getSession().getProtocol();
            suite = engine.getSession().getCipherSuite();
            http = Http.parse(request(hostHeader, path));
        } catch (PeerStream.Ended e) {
            end = e.end;
        } catch (NotTls e) {
            notTls = true;
            reader.drainForEvidence(socket);
        } catch (SSLException e) {
            alert = Failures.receivedAlert(e).orElse(alert);
            if (Failures.receivedAlert(e).isEmpty()) {
                localFailure = Failures.describe(e);
                sendPendingAlert();
            }
        } catch (IOException | RuntimeException e) {
            localFailure = Failures.describe(e);
        }
        return new Outcome(completed, version, suite, alert, localFailure, end, reader.firstBytes(), notTls, http);
    }

    private void handshake() throws IOException {
        engine.beginHandshake();
        HandshakeStatus hs = engine.getHandshakeStatus();
        while (hs != HandshakeStatus.FINISHED && hs != HandshakeStatus.NOT_HANDSHAKING) {
            hs = step(hs, EMPTY);
        }
    }

    private HandshakeStatus step(HandshakeStatus hs, ByteBuffer src) throws IOException {
        switch (hs) {
            case NEED_WRAP:
                return wrap(src);
            case NEED_UNWRAP:
            case NEED_UNWRAP_AGAIN:
                return unwrap();
            case NEED_TASK:
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
                return engine.getHandshakeStatus();
            default:
                return hs;
        }
    }

    private HandshakeStatus wrap(ByteBuffer src) throws IOException {
        while (true) {
            netOut.clear();
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                continue;
            }
            netOut.flip();
            try {
                out.write(netOut.array(), 0, netOut.limit());
                out.flush();
            } catch (SocketException e) {
                throw PeerStream.ended(e);
            }
            return r.getHandshakeStatus();
        }
    }

    private HandshakeStatus unwrap() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult r = engine.unwrap(netIn, appIn);
            netIn.compact();
            switch (r.getStatus()) {
                case OK:
                    collectApp();
                    return r.getHandshakeStatus();
                case CLOSED:
                    collectApp();
                    closedByPeer = true;
                    return r.getHandshakeStatus();
                case BUFFER_OVERFLOW:
                    ByteBuffer bigger = ByteBuffer.allocate(appIn.capacity() * 2);
                    appIn.flip();
                    bigger.put(appIn);
                    appIn = bigger;
                    break;
                case BUFFER_UNDERFLOW:
                default:
                    readMore();
                    break;
            }
        }
    }

    private void collectApp() {
        appIn.flip();
        app.write(appIn.array(), appIn.position(), appIn.remaining());
        appIn.clear();
    }

    private void readMore() throws IOException {
        if (!netIn.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() * 2);
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        boolean firstRead = reader.firstBytes().length == 0;
        int at = netIn.position();
        int n = reader.read(netIn.array(), at, netIn.remaining());
        netIn.position(at + n);
        if (firstRead) {
            int b = netIn.get(0) & 0xff;
            if (b != 0x16 && b != 0x15) {
                throw new NotTls();
            }
            if (b == 0x15 && netIn.position() >= 7) {
                TlsAlert.fromCode(netIn.get(6) & 0xff).ifPresent(a -> alert = a);
            }
        }
    }

    /** Sends GET and reads the answer's head and the start of its body. */
    private byte[] request(String hostHeader, String path) throws IOException {
        String req = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: lifeboat-doctor\r\n"
                + "Accept: */*\r\nConnection: close\r\n\r\n";
        ByteBuffer src = ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII));
        while (src.hasRemaining()) {
            HandshakeStatus hs = wrap(src);
            while (hs == HandshakeStatus.NEED_TASK) {
                hs = step(hs, EMPTY);
            }
        }
        try {
            while (!closedByPeer && !Http.complete(app.toByteArray())) {
                HandshakeStatus hs = unwrap();
                while (hs == HandshakeStatus.NEED_TASK || hs == HandshakeStatus.NEED_WRAP) {
                    hs = step(hs, EMPTY);
                }
            }
        } catch (PeerStream.Ended e) {
            if (app.size() == 0) {
                throw e;
            }
        }
        return app.toByteArray();
    }

    /** Our side failed (say we refused the certificate): tell the peer with the alert the engine made. */
    private void sendPendingAlert() {
        try {
            engine.closeOutbound();
            netOut.clear();
            engine.wrap(EMPTY, netOut);
            netOut.flip();
            out.write(netOut.array(), 0, netOut.limit());
            out.flush();
        } catch (IOException | RuntimeException e) {
            // best effort: the connection is being abandoned anyway
        }
    }

    /** The peer's first byte cannot start a TLS record. */
    private static final class NotTls extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
