package io.lifeboat.readiness.rules;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.tls.CipherSuite;
import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.TlsPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * cipher-suite-policy: the SSL cipher suite order (the Group Policy value
 * {@code SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL\00010002\Functions}, else the local
 * {@code SYSTEM\CurrentControlSet\Control\Cryptography\Configuration\Local\SSL\00010002\Functions}) must
 * keep at least one TLS 1.2 suite that {@link TlsPolicy#TLS12_PLUS} accepts (ECDHE + AES-GCM or
 * ChaCha20-Poly1305), or no handshake with a Lifeboat vault can succeed. Windows 7/8 era names carry a
 * curve suffix ({@code _P256}); it is ignored for matching. Without either value the OS default
 * order applies, which has ECDHE-ECDSA AES-GCM from Windows 7 / 2008 R2 on.
 */
final class CipherSuitePolicyRule implements Rule {
    static final KeyPath POLICY = KeyPath.hklm("SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002");
    static final KeyPath LOCAL = KeyPath.hklm(
            "SYSTEM\\CurrentControlSet\\Control\\Cryptography\\Configuration\\Local\\SSL\\00010002");

    @Override
    public String id() {
        return "cipher-suite-policy";
    }

    @Override
    public String title() {
        return "Cipher suite order keeps a TLS 1.2 ECDHE AEAD suite";
    }

    @Override
    public String citation() {
        return Citations.CIPHER_ORDER + " ; " + Citations.CIPHER_SUITES;
    }

    @Override
    public boolean appliesTo(Machine m) {
        return m.os().family() != OsFamily.UNSUPPORTED;
    }

    /** The IANA suite a Windows name means, without a curve suffix. */
    static Optional<CipherSuite> suite(String windowsName) {
        String n = windowsName.strip().toUpperCase(Locale.ROOT).replaceAll("_P(256|384|521)$", "");
        return CipherSuite.fromName(n);
    }

    static boolean acceptable(String windowsName) {
        return suite(windowsName).filter(s -> TlsPolicy.TLS12_PLUS.allows(ProtocolVersion.TLS_1_2, s)).isPresent();
    }

    @Override
    public RuleResult evaluate(Machine m) {
        for (KeyPath key : List.of(POLICY, LOCAL)) {
            Optional<RegValue> v = m.value(key, "Functions");
            if (v.isPresent()) {
                return judge(m, key, v.get());
            }
        }
        List<Evidence> ev = List.of(m.evidence(POLICY, "Functions", "no policy"),
                m.evidence(LOCAL, "Functions", "the Windows default suite order"));
        OsFamily f = m.os().family();
        if (f == OsFamily.WIN2008_SP2 || !f.known()) {
            return result(Status.UNKNOWN, "no suite order is configured; whether the default order of "
                    + m.os().family().label() + " has an ECDHE AES-GCM suite is not known here", ev,
                    Fix.action("check a handshake with `lifeboat doctor HOST:PORT` from this machine"));
        }
        return result(Status.PASS, "no suite order is configured; the default order of " + f.label()
                + " includes ECDHE AES-GCM suites", ev, Fix.NONE);
    }

    private RuleResult judge(Machine m, KeyPath key, RegValue value) {
        List<String> names = names(value);
        List<Evidence> ev = List.of(new Evidence(key.toString(), "Functions", value.display(), ""));
        List<String> good = names.stream().filter(CipherSuitePolicyRule::acceptable).toList();
        if (!good.isEmpty()) {
            return result(Status.PASS, "the suite order keeps " + good.size() + " suite(s) Lifeboat accepts, first "
                    + good.get(0), ev, Fix.NONE);
        }
        Set<String> fixed = new LinkedHashSet<>(recommended(m.os().family()));
        fixed.addAll(names);
        RegValue newValue = value.type() == io.lifeboat.readiness.registry.ValueType.REG_MULTI_SZ.id()
                ? RegValue.multiString("Functions", List.copyOf(fixed))
                : RegValue.string("Functions", String.join(",", fixed));
        return result(Status.FAIL, "the configured suite order (" + names.size() + " suites) has no TLS 1.2 ECDHE"
                + " AES-GCM/ChaCha20 suite: no handshake with a Lifeboat vault can succeed", ev,
                Fix.edits(List.of(new RegistryEdit.SetValue(key, newValue)),
                        "put TLS 1.2 ECDHE AES-GCM suites first in the suite order"
                                + (key.same(POLICY) ? " (this is a Group Policy value: change the GPO too, or it"
                                + " comes back at the next refresh)" : "") + "; restart Windows"));
    }

    /** Functions lists are REG_SZ with commas (policy) or REG_MULTI_SZ (local). */
    static List<String> names(RegValue v) {
        List<String> out = new ArrayList<>();
        for (String s : v.asStrings().orElse(List.of())) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** TLS12_PLUS's suites as this Windows names them (curve-suffixed names too before Windows 10). */
    static List<String> recommended(OsFamily f) {
        List<String> out = new ArrayList<>();
        if (f == OsFamily.WIN10_PLUS) {
            TlsPolicy.TLS12_PLUS.tls13Suites().forEach(s -> out.add(s.ianaName()));
        }
        for (CipherSuite s : TlsPolicy.TLS12_PLUS.tls12Suites()) {
            if (f != OsFamily.WIN10_PLUS && s.ianaName().contains("ECDSA")) {
                out.add(s.ianaName() + "_P256");
                out.add(s.ianaName() + "_P384");
            }
            out.add(s.ianaName());
        }
        return out;
    }
}
