package io.lifeboat.cli.doctor;

import io.lifeboat.tls.pki.HeldCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A real, misconfigurable {@code openssl s_server} on loopback; closed (and waited for) by the test. */
final class OpenSslServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final StringBuffer output = new StringBuffer();

    private OpenSslServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code openssl s_server -www} with {@code server}'s certificate plus {@code extra} arguments. */
    static OpenSslServer start(Path dir, HeldCertificate server, String... extra) throws Exception {
        String openssl = io.lifeboat.cli.testing.PeerTool.require("openssl").toString();
        server.writeTo(dir, "server");
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(openssl, "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", dir.resolve("server.crt").toString(), "-key", dir.resolve("server.key").toString(), "-www"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        OpenSslServer s = new OpenSslServer(p, port);
        CountDownLatch ready = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    s.output.append(line).append('\n');
                    if (line.contains("ACCEPT")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // process ended
            }
            ready.countDown();
        }, "s_server-output");
        t.setDaemon(true);
        t.start();
        if (!ready.await(10, TimeUnit.SECONDS) || !p.isAlive()) {
            s.close();
            throw new IllegalStateException("openssl s_server did not start: " + cmd + "\n" + s.output);
        }
        return s;
    }

    int port() {
        return port;
    }

    String target() {
        return "127.0.0.1:" + port;
    }

    String output() {
        return output.toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
