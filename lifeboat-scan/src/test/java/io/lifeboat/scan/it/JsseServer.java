package io.lifeboat.scan.it;

import io.lifeboat.tls.pki.HeldCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * An in-process JDK TLS server on loopback with a LOCAL SSLContext (the JVM's defaults are untouched):
 * given protocols and suites, server order on, each connection handshaken on its own thread.
 */
final class JsseServer implements AutoCloseable {
    final SSLServerSocket socket;
    private final Thread acceptor;

    JsseServer(HeldCertificate cert, List<String> protocols, List<String> suites) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", cert.keyPair().getPrivate(), new char[0],
                new Certificate[] {cert.certificate(), TestPki.CA.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        socket = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 200, InetAddress.getLoopbackAddress());
        SSLParameters p = socket.getSSLParameters();
        p.setProtocols(protocols.toArray(String[]::new));
        p.setCipherSuites(suites.toArray(String[]::new));
        p.setUseCipherSuitesOrder(true);
        socket.setSSLParameters(p);
        acceptor = new Thread(this::accept, "jsse-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The suites the socket really has enabled, in its order. */
    List<String> enabledSuites() {
        return List.of(socket.getEnabledCipherSuites());
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                SSLSocket s = (SSLSocket) socket.accept();
                Thread t = new Thread(() -> {
                    try (Socket c = s) {
                        c.setSoTimeout(5000);
                        s.startHandshake();
                    } catch (IOException expected) {
                        // scanners abort handshakes on purpose
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        acceptor.join(5000);
    }
}
