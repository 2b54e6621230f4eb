// bench/JsseServer.java: a JDK TLS server for bench/scan.sh (run with `java JsseServer.java`).
// Args: PORT PKCS12 PASSWORD PROTOCOLS(comma) SUITES(comma). Serves until killed.
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

public class JsseServer {
    public static void main(String[] a) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(a[1])) {
            ks.load(in, a[2].toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, a[2].toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory()
                .createServerSocket(Integer.parseInt(a[0]), 200, InetAddress.getByName("127.0.0.1"));
        SSLParameters p = ss.getSSLParameters();
        p.setProtocols(a[3].split(","));
        p.setCipherSuites(a[4].split(","));
        p.setUseCipherSuitesOrder(true);
        ss.setSSLParameters(p);
        System.out.println("listening");
        while (true) {
            SSLSocket s = (SSLSocket) ss.accept();
            new Thread(() -> {
                try (Socket c = s) {
                    c.setSoTimeout(10000);
                    s.startHandshake();
                    s.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\nok\n".getBytes());
                } catch (Exception ignored) {
                    // scanners abort handshakes
                }
            }).start();
        }
    }
}
