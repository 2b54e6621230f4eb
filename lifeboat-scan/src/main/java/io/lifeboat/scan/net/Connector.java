package io.lifeboat.scan.net;

import io.lifeboat.scan.net.starttls.StartTls;
import io.lifeboat.scan.net.starttls.StartTlsException;
import io.lifeboat.tls.wire.ServerFlight;
import io.lifeboat.tls.wire.ServerMessage;
import io.lifeboat.tls.wire.WireFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The adapter between probes and the network for one target: every job is one call here and uses
 * exactly one TCP connection. A semaphore caps how many connections to this target are open at once;
 * each connection is bounded by the timeout from connect to last byte, so a stalling server costs at
 * most that long. Connections are closed with SO_LINGER 0 (an RST, as scanners do) so thousands of
 * probes leave no TIME_WAIT behind.
 */
public final class Connector {
    /** A job that needs the raw socket (the JSSE certificate fetch for TLS 1.3). */
    @FunctionalInterface
    public interface SocketJob<T> {
        T run(Socket connected, int remainingMillis) throws IOException;
    }

    private final Target target;
    private final InetSocketAddress address;
    private final Duration timeout;
    private final Semaphore permits;
    private final AtomicInteger connections = new AtomicInteger();
    private final Optional<StartTls> startTls;

    public Connector(Target target, InetSocketAddress address, Duration timeout, int maxConnections) {
        this(target, address, timeout, maxConnections, Optional.empty());
    }

    /** @param startTls when present, every connection first asks the server to start TLS this way */
    public Connector(Target target, InetSocketAddress address, Duration timeout, int maxConnections,
            Optional<StartTls> startTls) {
        this.target = target;
        this.address = address;
        this.timeout = timeout;
        this.permits = new Semaphore(maxConnections, true);
        this.startTls = startTls;
    }

    public Target target() {
        return target;
    }

    /** How many connections this connector has opened. */
    public int connectionCount() {
        return connections.get();
    }

    /** Sends {@code request} on a fresh connection and reads until {@code until} is satisfied. */
    public Answer exchange(byte[] request, Until until) throws InterruptedException {
        ServerFlight flight = new ServerFlight();
        try {
            return withSocket((socket, remaining) -> {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                return read(socket, flight, until);
            });
        } catch (ExchangeFailure f) {
            return new Answer(flight.messages(), Optional.of(f.failure), flight.bytesReceived());
        }
    }

    private Answer read(Socket socket, ServerFlight flight, Until until) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[8192];
        while (!until.satisfiedBy(flight.messages())) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw stalled(flight);
            }
            socket.setSoTimeout((int) Math.max(1, left));
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                throw stalled(flight);
            } catch (SocketException e) {
                throw new ExchangeFailure(FailureReason.CONNECTION_RESET, flight.bytesReceived() == 0
                        ? "reset without answering (" + e.getMessage() + ")"
                        : "reset after " + flight.bytesReceived() + " byte(s), in the middle of the answer");
            }
            if (n < 0) {
                if (flight.messages().isEmpty() && flight.bytesReceived() == 0) {
                    throw new ExchangeFailure(FailureReason.CONNECTION_CLOSED, "closed without answering");
                }
                return finish(flight, new Failure(FailureReason.CONNECTION_CLOSED,
                        "closed after " + flight.bytesReceived() + " byte(s), before the answer was complete"));
            }
            try {
                flight.feed(chunk, 0, n);
            } catch (WireFormatException e) {
                throw classify(flight, e);
            }
        }
        return finish(flight, null);
    }

    private static Answer finish(ServerFlight flight, Failure failure) {
        List<ServerMessage> msgs = flight.messages();
        if (failure == null) {
            for (ServerMessage m : msgs) {
                if (m instanceof ServerMessage.AlertReceived a && a.alert().fatal()) {
                    failure = new Failure(FailureReason.ALERT, a.alert().toString());
                }
            }
        }
        return new Answer(msgs, Optional.ofNullable(failure), flight.bytesReceived());
    }

    private ExchangeFailure stalled(ServerFlight flight) {
        return new ExchangeFailure(FailureReason.TIMEOUT, "no complete answer within " + timeout.toMillis()
                + " ms (received " + flight.bytesReceived() + " byte(s))");
    }

    private static ExchangeFailure classify(ServerFlight flight, WireFormatException e) {
        if (e.offset() == 0) {
            String head = new String(flight.head(40), StandardCharsets.ISO_8859_1);
            String printable = head.replaceAll("[^\\x20-\\x7e]", ".");
            return new ExchangeFailure(FailureReason.NOT_TLS, e.getMessage() + "; the server sent \"" + printable + "\"");
        }
        return new ExchangeFailure(FailureReason.MALFORMED, e.getMessage());
    }

    /** A push parser fed by {@link #converse}; it says when it has read enough. */
    public interface StreamReader {
        /** Bytes as they arrive; throws {@link WireFormatException} on bytes that are not what it reads. */
        void feed(byte[] b, int off, int len);

        /** True when nothing more is needed. */
        boolean complete();

        /** The first bytes received, quoted when they turn out not to be TLS. */
        byte[] head(int n);
    }

    /**
     * Sends {@code request} on a fresh connection and feeds the answer to {@code reader} until it is
     * complete, the peer closes, or the deadline passes. An end before completion is an
     * {@link ExchangeFailure} classified like the ones of {@link #exchange}.
     */
    public void converse(byte[] request, StreamReader reader) throws InterruptedException {
        withSocket((socket, remaining) -> {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            long deadline = System.nanoTime() + timeout.toNanos();
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[8192];
            long received = 0;
            while (!reader.complete()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new ExchangeFailure(FailureReason.TIMEOUT, "no complete answer within " + timeout.toMillis()
                            + " ms (received " + received + " byte(s))");
                }
                socket.setSoTimeout((int) Math.max(1, left));
                int n;
                try {
                    n = in.read(chunk);
                } catch (SocketTimeoutException e) {
                    throw new ExchangeFailure(FailureReason.TIMEOUT, "no complete answer within " + timeout.toMillis()
                            + " ms (received " + received + " byte(s))");
                } catch (SocketException e) {
                    throw new ExchangeFailure(FailureReason.CONNECTION_RESET, received == 0
                            ? "reset without answering (" + e.getMessage() + ")"
                            : "reset after " + received + " byte(s), in the middle of the answer");
                }
                if (n < 0) {
                    throw new ExchangeFailure(FailureReason.CONNECTION_CLOSED, received == 0 ? "closed without answering"
                            : "closed after " + received + " byte(s), before the answer was complete");
                }
                received += n;
                try {
                    reader.feed(chunk, 0, n);
                } catch (WireFormatException e) {
                    if (e.offset() == 0) {
                        String head = new String(reader.head(40), StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", ".");
                        throw new ExchangeFailure(FailureReason.NOT_TLS, e.getMessage() + "; the server sent \"" + head + "\"");
                    }
                    throw new ExchangeFailure(FailureReason.MALFORMED, e.getMessage());
                }
            }
            return null;
        });
    }

    /**
     * Sends {@code request} as it is (no TLS) and returns what the peer sends back before it closes,
     * {@code max} bytes arrive, or {@code waitMillis} pass: the evidence that a port speaks something
     * else. An empty result means the peer sent nothing at all.
     */
    public byte[] plaintext(byte[] request, int max, int waitMillis) throws InterruptedException {
        return withSocket((socket, remaining) -> {
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                long deadline = System.nanoTime() + Math.min(waitMillis, timeout.toMillis()) * 1_000_000L;
                InputStream in = socket.getInputStream();
                byte[] chunk = new byte[512];
                while (got.size() < max) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        break;
                    }
                    socket.setSoTimeout((int) Math.max(1, left));
                    int n = in.read(chunk, 0, Math.min(chunk.length, max - got.size()));
                    if (n < 0) {
                        break;
                    }
                    got.write(chunk, 0, n);
                }
            } catch (SocketTimeoutException | SocketException e) {
                // silence, a reset or a write into a closed socket: what arrived so far is the evidence
            }
            return got.toByteArray();
        });
    }

    /** Runs {@code job} on one fresh connection, holding one of this target's connection permits. */
    public <T> T withSocket(SocketJob<T> job) throws InterruptedException {
        permits.acquire();
        try (Socket socket = new Socket()) {
            long start = System.nanoTime();
            try {
                socket.connect(address, (int) Math.max(1, timeout.toMillis()));
            } catch (ConnectException e) {
                throw new ExchangeFailure(FailureReason.CONNECTION_REFUSED, "nothing listens on " + target + " (" + e.getMessage() + ")");
            } catch (SocketTimeoutException e) {
                throw new ExchangeFailure(FailureReason.CONNECT_TIMEOUT, "no TCP answer from " + target + " within " + timeout.toMillis() + " ms");
            } finally {
                connections.incrementAndGet();
            }
            socket.setTcpNoDelay(true);
            socket.setSoLinger(true, 0);
            int remaining = (int) Math.max(1, timeout.toMillis() - (System.nanoTime() - start) / 1_000_000);
            socket.setSoTimeout(remaining);
            if (startTls.isPresent()) {
                try {
                    startTls.get().upgrade(socket.getInputStream(), socket.getOutputStream());
                } catch (StartTlsException e) {
                    throw new ExchangeFailure(FailureReason.STARTTLS_REFUSED, e.getMessage());
                }
                remaining = (int) Math.max(1, timeout.toMillis() - (System.nanoTime() - start) / 1_000_000);
                socket.setSoTimeout(remaining);
            }
            return job.run(socket, remaining);
        } catch (ExchangeFailure f) {
            throw f;
        } catch (SocketTimeoutException e) {
            throw new ExchangeFailure(FailureReason.TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
        } catch (SocketException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("reset") || m.contains("Broken pipe")) {
                throw new ExchangeFailure(FailureReason.CONNECTION_RESET, "the server reset the connection (" + m + ")");
            }
            throw new ExchangeFailure(FailureReason.ERROR, e.toString());
        } catch (IOException e) {
            throw new ExchangeFailure(FailureReason.ERROR, e.toString());
        } finally {
            permits.release();
        }
    }

    /** Thrown inside a job to end it with a classified failure. */
    public static final class ExchangeFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Failure failure;

        public ExchangeFailure(FailureReason reason, String detail) {
            super(detail, null, false, false);
            this.failure = new Failure(reason, detail);
        }

        public Failure failure() {
            return failure;
        }
    }
}
