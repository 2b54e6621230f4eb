package io.lifeboat.scan.fake;

import io.lifeboat.scan.net.starttls.StartTls;
import io.lifeboat.tls.pki.HeldCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted server of a STARTTLS protocol: it plays the server's side of the plaintext dialogue
 * (greeting, capability answer, "go ahead"), then hands the same connection to a JDK TLS server
 * (TLS 1.2 and 1.3, a local context; the JVM's defaults untouched). With {@code offer} false it does
 * not offer TLS, the way a server without a certificate answers.
 */
public record StartTlsFake(StartTls protocol, HeldCertificate cert, boolean offer) implements LoopbackServer.Behaviour {

    @Override
    public void serve(Socket socket, Runnable done) throws IOException {
        socket.setSoTimeout(5000);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        if (!plaintext(in, out)) {
            done.run();
            return;
        }
        SSLSocket tls = (SSLSocket) context().getSocketFactory().createSocket(socket, "localhost", socket.getPort(), false);
        tls.setUseClientMode(false);
        tls.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        done.run();
        tls.startHandshake();
    }

    /** @return true when the client may now start TLS */
    private boolean plaintext(InputStream in, OutputStream out) throws IOException {
        switch (protocol) {
            case SMTP -> {
                send(out, "220 fake.invalid ESMTP\r\n");
                line(in);
                send(out, offer ? "250-fake.invalid\r\n250-SIZE 1000\r\n250 STARTTLS\r\n" : "250-fake.invalid\r\n250 SIZE 1000\r\n");
                if (!offer) {
                    return false;
                }
                line(in);
                send(out, "220 2.0.0 Ready to start TLS\r\n");
            }
            case IMAP -> {
                send(out, "* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n");
                line(in);
                send(out, offer ? "a1 OK Begin TLS negotiation now\r\n" : "a1 BAD unknown command\r\n");
            }
            case POP3 -> {
                send(out, "+OK POP3 ready\r\n");
                line(in);
                send(out, offer ? "+OK Begin TLS negotiation\r\n" : "-ERR unknown command\r\n");
            }
            case FTP -> {
                send(out, "220-fake FTP\r\n220 ready\r\n");
                line(in);
                send(out, offer ? "234 AUTH TLS successful\r\n" : "502 not implemented\r\n");
            }
            case LDAP -> {
                in.readNBytes(31); // the StartTLS ExtendedRequest
                int rc = offer ? 0 : 2; // success, or protocolError
                out.write(new byte[] {0x30, 0x0c, 0x02, 0x01, 0x01, 0x78, 0x07, 0x0a, 0x01, (byte) rc, 0x04, 0x00, 0x04, 0x00});
            }
            case MYSQL -> {
                out.write(mysqlGreeting(offer));
                if (!offer) {
                    return false;
                }
                in.readNBytes(36); // the SSLRequest packet
            }
            case POSTGRES -> {
                in.readNBytes(8);
                out.write(offer ? 'S' : 'N');
            }
            default -> throw new IllegalStateException(protocol.toString());
        }
        out.flush();
        return offer;
    }

    private static byte[] mysqlGreeting(boolean ssl) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(10);
        p.writeBytes("8.0.36-fake\0".getBytes(StandardCharsets.US_ASCII));
        p.writeBytes(new byte[] {1, 0, 0, 0});
        p.writeBytes("abcdefgh".getBytes(StandardCharsets.US_ASCII));
        p.write(0);
        int caps = 0x0001 | 0x0200 | 0x8000 | (ssl ? 0x0800 : 0);
        p.write(caps & 0xFF);
        p.write(caps >>> 8);
        p.writeBytes(new byte[] {0x21, 2, 0, 0, 0, 21, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        byte[] body = p.toByteArray();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.writeBytes(new byte[] {(byte) body.length, (byte) (body.length >>> 8), 0, 0});
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    private static void send(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    private static final java.util.Map<HeldCertificate, SSLContext> CONTEXTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** One context per certificate: making one per connection is slow enough on a cold JVM to time probes out. */
    private SSLContext context() throws IOException {
        SSLContext c = CONTEXTS.get(cert);
        if (c == null) {
            c = newContext();
            CONTEXTS.putIfAbsent(cert, c);
        }
        return c;
    }

    private SSLContext newContext() throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", cert.keyPair().getPrivate(), new char[0], new Certificate[] {cert.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
            kmf.init(ks, new char[0]);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
