package io.lifeboat.cli.doctor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Misbehaving peers written in Java, on loopback: each is a real TCP listener, closed by the test. */
final class JavaPeers {
    private JavaPeers() {
    }

    /** Accepts connections (the kernel does, from the backlog) and never reads or answers. */
    static final class Silent implements AutoCloseable {
        private final ServerSocket server;

        Silent() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** Reads the start of whatever the client sends, then resets the connection (RST, as SChannel does). */
    static final class Resetting implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;
        private final List<Socket> open = new ArrayList<>();

        Resetting() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "resetting-peer");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(5000);
                    InputStream in = s.getInputStream();
                    in.read(new byte[5]);
                    s.setSoLinger(true, 0); // close() now sends RST
                } catch (IOException e) {
                    // closed, or the client went away first
                }
            }
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(5000);
        }
    }

    /** A plain-HTTP server (no TLS) answering every path with 200. */
    static HttpServer plainHttp() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        http.createContext("/", ex -> {
            byte[] body = "plain http\n".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
        return http;
    }
}
