package io.lifeboat.scan.probe;

import io.lifeboat.tls.wire.ClientHello;
import io.lifeboat.tls.wire.Extension;
import io.lifeboat.tls.wire.Extensions;
import io.lifeboat.tls.wire.KeyShares;
import io.lifeboat.tls.wire.Ssl2ClientHello;
import io.lifeboat.tls.wire.Wire;
import io.lifeboat.tls.NamedGroup;
import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.SignatureScheme;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Builds the hellos the probes send. A hello for TLS 1.2 and below uses the legacy version field only
 * (no supported_versions), so a TLS 1.3 server answers it the way it answers an old client; a TLS 1.3
 * hello offers only 0x0304 in supported_versions, with real X25519 and P-256 key shares.
 */
public final class HelloFactory {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Every group of the registry: a wide offer, so the server's own choice decides. */
    static final List<Integer> ALL_GROUPS = Arrays.stream(NamedGroup.values()).map(NamedGroup::wireId).toList();
    static final List<Integer> ALL_SIGNATURE_SCHEMES =
            Arrays.stream(SignatureScheme.values()).map(SignatureScheme::wireId).toList();

    private final Optional<String> sni;

    public HelloFactory(Optional<String> sni) {
        this.sni = sni;
    }

    /** The groups a TLS 1.3 hello carries key shares for by default (when they are in its groups). */
    static final List<NamedGroup> DEFAULT_SHARES = List.of(NamedGroup.X25519, NamedGroup.SECP256R1);

    /** What to put in a hello besides the version and the suites. */
    public record Options(List<Integer> groups, List<NamedGroup> shares, List<Integer> extraValues,
            List<Integer> compressions, boolean renegotiationScsv) {
        public static Options standard() {
            return new Options(ALL_GROUPS, DEFAULT_SHARES, List.of(), List.of(Wire.COMPRESSION_NULL), true);
        }

        /** {@code shares}: key shares for X25519 and P-256 when offered, else an empty key_share. */
        public Options withGroups(List<Integer> g, boolean shares) {
            return new Options(g, shares ? DEFAULT_SHARES : List.of(), extraValues, compressions, renegotiationScsv);
        }

        /** Key shares for exactly these groups (each must also be in {@code groups}). */
        public Options withShares(List<NamedGroup> s) {
            return new Options(groups, s, extraValues, compressions, renegotiationScsv);
        }

        public Options withExtraValues(List<Integer> extra) {
            return new Options(groups, shares, extra, compressions, renegotiationScsv);
        }

        public Options withCompressions(List<Integer> c) {
            return new Options(groups, shares, extraValues, c, renegotiationScsv);
        }
    }

    public byte[] hello(ProtocolVersion version, List<Integer> suites) {
        return hello(version, suites, Options.standard());
    }

    /** The hello as records, ready to send. */
    public byte[] hello(ProtocolVersion version, List<Integer> suites, Options o) {
        if (version == ProtocolVersion.SSL_2_0) {
            return new Ssl2ClientHello(0x0002, suites, bytes(16)).encode();
        }
        // Record version: 0x0300 for SSL 3.0, 0x0301 otherwise (what real clients send; some servers
        // reject a first record above 0x0301).
        return clientHello(version, suites, o).toRecords(version == ProtocolVersion.SSL_3_0 ? 0x0300 : 0x0301);
    }

    /** The ClientHello itself (SSL 3.0 to TLS 1.3), for callers that need its bytes for a transcript. */
    public ClientHello clientHello(ProtocolVersion version, List<Integer> suites, Options o) {
        List<Integer> values = new ArrayList<>(suites);
        values.addAll(o.extraValues());
        if (o.renegotiationScsv() && version != ProtocolVersion.TLS_1_3) {
            values.add(Wire.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
        }
        List<Extension> ext = new ArrayList<>();
        if (version != ProtocolVersion.SSL_3_0) {
            sni.ifPresent(name -> ext.add(Extensions.serverName(name)));
            ext.add(Extensions.supportedGroups(o.groups()));
            ext.add(Extensions.ecPointFormats());
            ext.add(Extensions.signatureAlgorithms(ALL_SIGNATURE_SCHEMES));
        }
        if (version == ProtocolVersion.TLS_1_3) {
            ext.add(Extensions.supportedVersions(List.of(0x0304)));
            ext.add(Extensions.pskKeyExchangeModes());
            List<KeyShares.Entry> shares = new ArrayList<>();
            for (NamedGroup g : o.shares()) {
                if (o.groups().contains(g.wireId())) {
                    shares.add(KeyShares.of(g));
                }
            }
            ext.add(Extensions.keyShare(shares));
        }
        int legacy = version == ProtocolVersion.TLS_1_3 ? 0x0303 : version.wireId();
        byte[] sessionId = version == ProtocolVersion.TLS_1_3 ? bytes(32) : new byte[0];
        return new ClientHello(legacy, bytes(32), sessionId, values, o.compressions(), ext);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
