package io.lifeboat.scan.probe;

import io.lifeboat.tls.wire.Ssl2CipherKind;
import io.lifeboat.tls.CipherSuite;
import io.lifeboat.tls.ProtocolVersion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Which suites the scanner offers for each version: every two-byte suite of the IANA registry (and the
 * unregistered ones OpenSSL and others used) that can be negotiated at that version, not just what
 * OpenSSL can still speak. Export, SSL 3.0-only, Kerberos, GOST and FIPS oddities are offered too.
 *
 * <p>Lists are cut into bundles of at most {@code bundleSize} suites: some servers (and middleboxes)
 * fail on very large hellos, and a bundle is the unit the probes enumerate in parallel.
 */
public final class SuiteCatalog {
    private SuiteCatalog() {
    }

    /** Every suite usable at {@code version}, in registry order, without duplicate code points. */
    public static List<Integer> candidates(ProtocolVersion version) {
        LinkedHashSet<Integer> ids = new LinkedHashSet<>();
        if (version == ProtocolVersion.SSL_2_0) {
            for (Ssl2CipherKind k : Ssl2CipherKind.values()) {
                ids.add(k.id());
            }
            return List.copyOf(ids);
        }
        for (CipherSuite s : CipherSuite.values()) {
            if (s.id() != 0 && s.usableWith(version)) {
                ids.add(s.id());
            }
        }
        return List.copyOf(ids);
    }

    /** {@code ids} cut into consecutive bundles of at most {@code bundleSize}. */
    public static List<List<Integer>> bundles(List<Integer> ids, int bundleSize) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += bundleSize) {
            out.add(List.copyOf(ids.subList(i, Math.min(ids.size(), i + bundleSize))));
        }
        return out;
    }

    /** The name the report uses for a suite value: the IANA name, or SSL_CK_ for SSL 2.0, or 0xXXXX. */
    public static String name(ProtocolVersion version, int id) {
        if (version == ProtocolVersion.SSL_2_0) {
            return Ssl2CipherKind.fromId(id).map(Enum::name).orElse(String.format("0x%06X", id));
        }
        Optional<CipherSuite> s = CipherSuite.fromId(id);
        return s.map(CipherSuite::ianaName).orElse(String.format("0x%04X", id));
    }
}
