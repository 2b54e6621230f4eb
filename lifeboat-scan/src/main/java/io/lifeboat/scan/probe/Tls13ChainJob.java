package io.lifeboat.scan.probe;

import io.lifeboat.scan.net.Connector;
import io.lifeboat.scan.net.Failure;
import io.lifeboat.scan.net.FailureReason;
import io.lifeboat.tls.wire.ClientHello;
import io.lifeboat.tls.wire.KeyShares;
import io.lifeboat.tls.wire.Tls13ServerFlight;
import io.lifeboat.tls.wire.Tls13ServerFlight.Outcome;
import io.lifeboat.tls.NamedGroup;
import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.wire.EphemeralKeyShare;
import io.lifeboat.tls.wire.Tls13RecordCipher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a TLS 1.3 server's certificate chain with our own codec: a hello offering every TLS 1.3 suite
 * whose records we can open and every group we can make a key for, then {@link Tls13ServerFlight}
 * derives the handshake keys and reads up to the Certificate. A HelloRetryRequest for a group we can
 * make is answered on a new connection (one job = one connection) with a share of that group only.
 * Unlike a JDK handshake this reads chains of any length and suites the JDK lacks (CCM, CCM_8, SM4,
 * the RFC 9150 integrity-only suites).
 */
final class Tls13ChainJob {
    private static final List<Integer> SUITES = SuiteCatalog.candidates(ProtocolVersion.TLS_1_3).stream()
            .filter(id -> Tls13RecordCipher.forSuite(id).isPresent()).toList();
    private static final List<Integer> GROUPS = EphemeralKeyShare.SUPPORTED.stream().map(NamedGroup::wireId).toList();

    private Tls13ChainJob() {
    }

    /** The chain, leaf first; a {@link ChainFailure} says why it could not be read. */
    static List<byte[]> read(ProbeContext ctx) throws InterruptedException {
        List<NamedGroup> shares = HelloFactory.DEFAULT_SHARES;
        for (int attempt = 0; attempt < 2; attempt++) {
            HelloFactory.Options o = HelloFactory.Options.standard().withGroups(GROUPS, true).withShares(shares);
            ClientHello hello = ctx.hellos().clientHello(ProtocolVersion.TLS_1_3, SUITES, o);
            Tls13ServerFlight flight = new Tls13ServerFlight(hello.encode(), id ->
                    NamedGroup.fromWireId(id).filter(EphemeralKeyShare.SUPPORTED::contains).map(KeyShares::ephemeral));
            ctx.connector().converse(hello.toRecords(0x0301), new Connector.StreamReader() {
                @Override
                public void feed(byte[] b, int off, int len) {
                    flight.feed(b, off, len);
                }

                @Override
                public boolean complete() {
                    return flight.outcome().isPresent();
                }

                @Override
                public byte[] head(int n) {
                    return flight.head(n);
                }
            });
            Outcome out = flight.outcome().orElseThrow();
            if (out instanceof Outcome.Chain c) {
                return c.certificates();
            }
            if (out instanceof Outcome.RetryRequest r) {
                Optional<NamedGroup> g = NamedGroup.fromWireId(r.group()).filter(EphemeralKeyShare.SUPPORTED::contains);
                if (g.isEmpty() || shares.contains(g.get())) {
                    throw failure(FailureReason.UNEXPECTED_ANSWER, String.format(
                            "HelloRetryRequest for group 0x%04X, which the scanner cannot make a key for", r.group()));
                }
                shares = List.of(g.get());
                continue;
            }
            throw failure(out);
        }
        throw failure(FailureReason.UNEXPECTED_ANSWER, "a second HelloRetryRequest after the requested key share");
    }

    private static ChainFailure failure(Outcome out) {
        if (out instanceof Outcome.Refused r) {
            return failure(FailureReason.ALERT, "refused a TLS 1.3 hello offering every suite the scanner can decrypt ("
                    + names() + "): " + r.alert());
        }
        if (out instanceof Outcome.EncryptedAlert a) {
            return failure(FailureReason.ALERT, "sent " + a.alert() + " before its Certificate");
        }
        if (out instanceof Outcome.UnreadableSuite u) {
            return failure(FailureReason.UNEXPECTED_ANSWER, "chose " + SuiteCatalog.name(ProtocolVersion.TLS_1_3, u.suite())
                    + ", which was not offered");
        }
        if (out instanceof Outcome.OtherVersion v) {
            return failure(FailureReason.UNEXPECTED_ANSWER, String.format("answered TLS 1.3 with version 0x%04X", v.version()));
        }
        return failure(FailureReason.UNEXPECTED_ANSWER, out.toString());
    }

    private static String names() {
        List<String> n = new ArrayList<>();
        SUITES.forEach(id -> n.add(SuiteCatalog.name(ProtocolVersion.TLS_1_3, id)));
        return String.join(", ", n);
    }

    private static ChainFailure failure(FailureReason reason, String detail) {
        return new ChainFailure(new Failure(reason, detail));
    }
}
