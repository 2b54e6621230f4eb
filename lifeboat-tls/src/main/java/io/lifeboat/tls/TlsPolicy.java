package io.lifeboat.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * A named, immutable TLS policy: which versions, suites and groups a link may use.
 *
 * <p>{@link #TLS12_PLUS} is the only policy Lifeboat's own links use; the scanner and the readiness
 * checker judge other parties against the same object. History and sources: docs/tls-policy.md.
 *
 * <p>The constructor fails closed: a policy that enables anything older than TLS 1.2, a TLS 1.2
 * suite without forward secrecy or AEAD, renegotiation or compression cannot be constructed
 * ({@link TlsPolicyException}). A stricter subset of TLS12_PLUS (say TLS 1.3 only) is allowed.
 *
 * @param name        shown in logs and reports
 * @param versions    newest first
 * @param tls13Suites in preference order; never empty when TLS 1.3 is enabled (an engine given a
 *                    suite list without TLS 1.3 suites silently turns TLS 1.3 off)
 * @param tls12Suites in preference order
 * @param groups      in preference order; groups the engine does not know are skipped by the engine
 */
public record TlsPolicy(String name, List<ProtocolVersion> versions, List<CipherSuite> tls13Suites,
        List<CipherSuite> tls12Suites, List<NamedGroup> groups) {

    /** The oldest version any Lifeboat link may speak. */
    public static final ProtocolVersion MINIMUM_VERSION = ProtocolVersion.TLS_1_2;

    /**
     * TLS 1.3 and 1.2; ECDHE with ECDSA or RSA and AES-GCM or ChaCha20-Poly1305 for 1.2; the three
     * standard AEAD suites for 1.3; hybrid post-quantum X25519MLKEM768 first, then X25519, P-256, P-384.
     * Reviewed 2026-11 against Mozilla's "intermediate" configuration (v5.7) and NIST SP 800-52r2.
     */
    public static final TlsPolicy TLS12_PLUS = new TlsPolicy("TLS12_PLUS",
            List.of(ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_2),
            List.of(CipherSuite.TLS_AES_128_GCM_SHA256,
                    CipherSuite.TLS_AES_256_GCM_SHA384,
                    CipherSuite.TLS_CHACHA20_POLY1305_SHA256),
            List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                    CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                    CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256),
            List.of(NamedGroup.X25519_MLKEM768, NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1));

    public TlsPolicy {
        versions = List.copyOf(versions);
        tls13Suites = List.copyOf(tls13Suites);
        tls12Suites = List.copyOf(tls12Suites);
        groups = List.copyOf(groups);
        if (versions.isEmpty()) {
            throw new TlsPolicyException("TLS policy " + name + " enables no protocol version");
        }
        for (ProtocolVersion v : versions) {
            if (v.olderThan(MINIMUM_VERSION)) {
                throw new TlsPolicyException("TLS policy " + name + " asks for " + v
                        + ": Lifeboat links speak TLS 1.2 and TLS 1.3 only, to stop downgrade attacks."
                        + " Upgrade the peer to TLS 1.2 (run `lifeboat readiness` on a Windows peer).");
            }
        }
        if (versions.contains(ProtocolVersion.TLS_1_3) && tls13Suites.isEmpty()) {
            throw new TlsPolicyException("TLS policy " + name + " enables TLS 1.3 without TLS 1.3 suites");
        }
        if (versions.contains(ProtocolVersion.TLS_1_2) && tls12Suites.isEmpty()) {
            throw new TlsPolicyException("TLS policy " + name + " enables TLS 1.2 without TLS 1.2 suites");
        }
        for (CipherSuite s : tls13Suites) {
            if (!s.tls13()) {
                throw new TlsPolicyException(s + " is not a TLS 1.3 suite");
            }
        }
        for (CipherSuite s : tls12Suites) {
            if (!acceptableTls12Suite(s)) {
                throw new TlsPolicyException("TLS policy " + name + " may not enable " + s
                        + ": TLS 1.2 suites must be ECDHE with ECDSA or RSA and an AEAD cipher");
            }
        }
        if (groups.isEmpty()) {
            throw new TlsPolicyException("TLS policy " + name + " enables no key-exchange group");
        }
    }

    /** The rule every TLS 1.2 suite of a Lifeboat policy obeys: forward secret, authenticated, AEAD. */
    public static boolean acceptableTls12Suite(CipherSuite s) {
        return !s.tls13()
                && s.keyExchange() == KeyExchange.ECDHE
                && (s.authentication() == Authentication.ECDSA || s.authentication() == Authentication.RSA)
                && s.cipher().aead()
                && s.keyBits() >= 128
                && !s.name().endsWith("_OLD")
                && s.cipher() != BulkCipher.AES_CCM_8;
    }

    public boolean allows(ProtocolVersion version) {
        return versions.contains(version);
    }

    /** True when {@code suite} is enabled for {@code version} under this policy. */
    public boolean allows(ProtocolVersion version, CipherSuite suite) {
        if (!allows(version)) {
            return false;
        }
        return version == ProtocolVersion.TLS_1_3 ? tls13Suites.contains(suite) : tls12Suites.contains(suite);
    }

    public ProtocolVersion newestVersion() {
        return versions.get(0);
    }

    /** JSSE / Vert.x protocol names, e.g. ["TLSv1.3", "TLSv1.2"]. */
    public List<String> protocolNames() {
        return versions.stream().map(ProtocolVersion::standardName).toList();
    }

    /** Every enabled suite's IANA name, TLS 1.3 suites first (see the pitfall on {@code tls13Suites}). */
    public List<String> cipherSuiteNames() {
        List<String> names = new ArrayList<>();
        if (allows(ProtocolVersion.TLS_1_3)) {
            tls13Suites.forEach(s -> names.add(s.ianaName()));
        }
        if (allows(ProtocolVersion.TLS_1_2)) {
            tls12Suites.forEach(s -> names.add(s.ianaName()));
        }
        return List.copyOf(names);
    }

    public List<String> groupNames() {
        return groups.stream().map(NamedGroup::standardName).toList();
    }
}
