package io.lifeboat.scan.fake;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small in-process TCP server on 127.0.0.1 that hands each connection to a {@link Behaviour} and
 * counts connections: total, currently open, and the most open at once (to check the scanner's
 * per-target connection cap from the server's side).
 *
 * <p>A connection counts as open from accept until the behaviour calls {@code done} just before its
 * last write (or, at the latest, until just before the server closes it). The client cannot finish
 * with a connection before that moment, so the count never exceeds what the client really had open:
 * a maximum above the cap is a real breach, not a race between the two ends.
 */
public final class LoopbackServer implements AutoCloseable {
    /** What the server does with one accepted connection. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket socket, Runnable done) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final ExecutorService pool;
    private final Behaviour behaviour;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger total = new AtomicInteger();

    public LoopbackServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket(0, 500, InetAddress.getByName("127.0.0.1"));
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loopback-" + server.getLocalPort());
            t.setDaemon(true);
            return t;
        });
        pool.execute(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public int maxConcurrent() {
        return maxOpen.get();
    }

    public int connections() {
        return total.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException closed) {
                return;
            }
            int now = open.incrementAndGet();
            maxOpen.accumulateAndGet(now, Math::max);
            total.incrementAndGet();
            java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean(true);
            Runnable done = () -> {
                if (counted.getAndSet(false)) {
                    open.decrementAndGet();
                }
            };
            pool.execute(() -> {
                try {
                    behaviour.serve(s, done);
                } catch (IOException | InterruptedException | RuntimeException ignored) {
                    // the scanner closes connections as soon as it has what it needs
                } finally {
                    done.run();
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // already gone
                    }
                }
            });
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
