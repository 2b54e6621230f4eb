package io.lifeboat.scan.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer server process (openssl, nginx, gnutls-serv) on a loopback port: started, waited for until
 * it accepts TCP connections (at most a few seconds), and destroyed with its process tree on close.
 */
final class PeerProcess implements AutoCloseable {
    final int port;
    private final Process process;
    private final Path log;

    private PeerProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    static PeerProcess start(List<String> command, int port, Path dir) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "peer", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PeerProcess peer = new PeerProcess(port, p, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                String out = Files.readString(log);
                throw new IllegalStateException("peer exited (" + p.exitValue() + "): " + command + "\n" + out);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return peer;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        peer.close();
        throw new IllegalStateException("peer did not listen on " + port + " within 8 s: " + command);
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM first (nginx and friends stop their children on it), then SIGKILL for whatever is left. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
