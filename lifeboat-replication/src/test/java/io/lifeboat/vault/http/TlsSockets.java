package io.lifeboat.vault.http;

import io.lifeboat.tls.pki.HeldCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Raw TLS connections for tests of what a server does with connections: the test decides exactly
 * which bytes go when (an HTTP/1.1 head, nothing at all), with the JDK's TLS, trusting one CA and
 * presenting a client certificate or none.
 */
public final class TlsSockets {
    private TlsSockets() {
    }

    /** The JDK's TLS trusting {@code ca} only, presenting {@code client} (or no certificate when null). */
    public static SSLContext context(X509Certificate ca, HeldCertificate client) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (client != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("me", client.keyPair().getPrivate(), "x".toCharArray(), new Certificate[] {client.certificate()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "x".toCharArray());
        }
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ssl;
    }

    /** A TLS connection from {@code localAddress} (any 127/8 address is loopback) to 127.0.0.1, handshake done. */
    public static SSLSocket connect(String localAddress, int port, X509Certificate ca, HeldCertificate client)
            throws Exception {
        SSLContext ssl = context(ca, client);
        SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket();
        try {
            s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.startHandshake();
            return s;
        } catch (Exception e) {
            s.close();
            throw e;
        }
    }

    /** Sends {@code GET path} and returns the answer's body. */
    public static String get(SSLSocket s, String path) throws IOException {
        send(s, path);
        return answer(s);
    }

    public static void send(SSLSocket s, String path) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The body of one answer, which must carry a Content-Length. */
    public static String answer(SSLSocket s) throws IOException {
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
        }
        int length = -1;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("an answer without a Content-Length: " + head.toString(StandardCharsets.US_ASCII));
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** Whether the server closes {@code s} (end of stream, or a reset) within {@code d}. */
    public static boolean closedWithin(SSLSocket s, Duration d) throws IOException {
        s.setSoTimeout((int) d.toMillis());
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
