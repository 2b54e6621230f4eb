package io.lifeboat.tls.diagnosis;

import io.lifeboat.tls.ProtocolVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one connection attempt saw, gathered by an adapter (the doctor's probe, an agent's
 * failed call) and read by the pure {@link Classifier}. Nullable fields mean "not seen / not run".
 *
 * @param host                       the name or address connected to
 * @param port                       the port
 * @param localTime                  the local clock at the attempt
 * @param timeout                    the connect/read timeout used
 * @param socket                     how the TCP connect ended
 * @param socketDetail               the socket error text, or null
 * @param offered                    the versions this client offered, newest first; empty when the
 *                                   local TLS stack could offer nothing usable
 * @param localFailure               the local TLS failure text (our side aborted), or null
 * @param firstBytes                 the first bytes the peer sent (at most 64), empty when none
 * @param transportEnd               how the stream ended, if it ended in the transport
 * @param handshakeCompleted         the TLS handshake finished
 * @param negotiatedVersion          the version agreed, or null
 * @param negotiatedSuite            the suite agreed, or null
 * @param alertReceived              the fatal alert the peer sent, or null
 * @param serverCertificate          what the judge found in the server's chain, or null (none seen)
 * @param clientCertificateRequested the server sent a CertificateRequest
 * @param clientCertificate          the machine certificate this client held, or null (none)
 * @param http                       the answer to GET /health, or null
 * @param legacyProbe                a TLS 1.0/1.1-only hello's answer, or null (not run)
 * @param tls12AllSuitesProbe        a TLS 1.2 hello offering every suite, or null (not run)
 * @param tls13AllSuitesProbe        a TLS 1.3 hello offering every TLS 1.3 suite, or null (not run)
 * @param plainAnswer                the printable start of the answer to a plaintext HTTP request,
 *                                   or null (not run or no answer)
 * @param serverClock                the server's clock (its HTTP Date header), or null: from the
 *                                   health answer, or from an evidence-only request made when the
 *                                   certificate was refused for its dates
 */
public record ConnectionEvidence(String host, int port, Instant localTime, Duration timeout, SocketOutcome socket,
        String socketDetail, List<ProtocolVersion> offered, String localFailure, byte[] firstBytes,
        TransportEnd transportEnd, boolean handshakeCompleted, ProtocolVersion negotiatedVersion,
        String negotiatedSuite, TlsAlert alertReceived, CertificateFindings serverCertificate,
        boolean clientCertificateRequested, ClientCertificateFindings clientCertificate, HttpAnswer http,
        HelloProbeResult legacyProbe, HelloProbeResult tls12AllSuitesProbe, HelloProbeResult tls13AllSuitesProbe,
        String plainAnswer, Instant serverClock) {

    public ConnectionEvidence {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(localTime, "localTime");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(transportEnd, "transportEnd");
        offered = List.copyOf(offered);
        firstBytes = firstBytes == null ? new byte[0] : firstBytes.clone();
    }

    @Override
    public byte[] firstBytes() {
        return firstBytes.clone();
    }

    public String target() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The newest version this client offered, or null when it offered none. */
    public ProtocolVersion newestOffered() {
        return offered.isEmpty() ? null : offered.get(0);
    }

    /** The peer sent bytes, and the first one cannot start a TLS record (handshake 0x16, alert 0x15). */
    public boolean peerAnsweredNonTls() {
        return firstBytes.length > 0 && firstBytes[0] != 0x16 && firstBytes[0] != 0x15;
    }

    /** The peer sent no byte at all. */
    public boolean peerSilent() {
        return firstBytes.length == 0;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(String host, int port, Instant localTime) {
        return new Builder(host, port, localTime);
    }

    /** Adapters fill the evidence field by field as the attempt goes on. */
    public static final class Builder {
        private String host;
        private int port;
        private Instant localTime;
        private Duration timeout = Duration.ofSeconds(10);
        private SocketOutcome socket = SocketOutcome.CONNECTED;
        private String socketDetail;
        private List<ProtocolVersion> offered = List.of(ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_2);
        private String localFailure;
        private byte[] firstBytes = new byte[0];
        private TransportEnd transportEnd = TransportEnd.NONE;
        private boolean handshakeCompleted;
        private ProtocolVersion negotiatedVersion;
        private String negotiatedSuite;
        private TlsAlert alertReceived;
        private CertificateFindings serverCertificate;
        private boolean clientCertificateRequested;
        private ClientCertificateFindings clientCertificate;
        private HttpAnswer http;
        private HelloProbeResult legacyProbe;
        private HelloProbeResult tls12AllSuitesProbe;
        private HelloProbeResult tls13AllSuitesProbe;
        private String plainAnswer;
        private Instant serverClock;

        Builder(String host, int port, Instant localTime) {
            this.host = host;
            this.port = port;
            this.localTime = localTime;
        }

        Builder(ConnectionEvidence e) {
            this(e.host, e.port, e.localTime);
            timeout = e.timeout;
            socket = e.socket;
            socketDetail = e.socketDetail;
            offered = e.offered;
            localFailure = e.localFailure;
            firstBytes = e.firstBytes;
            transportEnd = e.transportEnd;
            handshakeCompleted = e.handshakeCompleted;
            negotiatedVersion = e.negotiatedVersion;
            negotiatedSuite = e.negotiatedSuite;
            alertReceived = e.alertReceived;
            serverCertificate = e.serverCertificate;
            clientCertificateRequested = e.clientCertificateRequested;
            clientCertificate = e.clientCertificate;
            http = e.http;
            legacyProbe = e.legacyProbe;
            tls12AllSuitesProbe = e.tls12AllSuitesProbe;
            tls13AllSuitesProbe = e.tls13AllSuitesProbe;
            plainAnswer = e.plainAnswer;
            serverClock = e.serverClock;
        }

        public Builder timeout(Duration v) { this.timeout = v; return this; }
        public Builder socket(SocketOutcome v, String detail) { this.socket = v; this.socketDetail = detail; return this; }
        public Builder offered(List<ProtocolVersion> v) { this.offered = v; return this; }
        public Builder localFailure(String v) { this.localFailure = v; return this; }
        public Builder firstBytes(byte[] v) { this.firstBytes = v; return this; }
        public Builder transportEnd(TransportEnd v) { this.transportEnd = v; return this; }
        public Builder handshakeCompleted(ProtocolVersion version, String suite) {
            this.handshakeCompleted = true;
            this.negotiatedVersion = version;
            this.negotiatedSuite = suite;
            return this;
        }
        public Builder alertReceived(TlsAlert v) { this.alertReceived = v; return this; }
        public Builder serverCertificate(CertificateFindings v) { this.serverCertificate = v; return this; }
        public Builder clientCertificateRequested(boolean v) { this.clientCertificateRequested = v; return this; }
        public Builder clientCertificate(ClientCertificateFindings v) { this.clientCertificate = v; return this; }
        public Builder http(HttpAnswer v) {
            this.http = v;
            if (v != null && v.date() != null) {
                this.serverClock = v.date();
            }
            return this;
        }
        public Builder serverClock(Instant v) { this.serverClock = v; return this; }
        public Builder legacyProbe(HelloProbeResult v) { this.legacyProbe = v; return this; }
        public Builder tls12AllSuitesProbe(HelloProbeResult v) { this.tls12AllSuitesProbe = v; return this; }
        public Builder tls13AllSuitesProbe(HelloProbeResult v) { this.tls13AllSuitesProbe = v; return this; }
        public Builder plainAnswer(String v) { this.plainAnswer = v; return this; }

        public ConnectionEvidence build() {
            return new ConnectionEvidence(host, port, localTime, timeout, socket, socketDetail, offered,
                    localFailure, firstBytes, transportEnd, handshakeCompleted, negotiatedVersion, negotiatedSuite,
                    alertReceived, serverCertificate, clientCertificateRequested, clientCertificate, http,
                    legacyProbe, tls12AllSuitesProbe, tls13AllSuitesProbe, plainAnswer, serverClock);
        }
    }
}
