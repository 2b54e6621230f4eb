package io.lifeboat.readiness.rules;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.registry.ValueType;
import io.lifeboat.tls.Authentication;
import io.lifeboat.tls.BulkCipher;
import io.lifeboat.tls.CipherSuite;
import io.lifeboat.tls.ProtocolVersion;
import io.lifeboat.tls.TlsPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * cipher-suite-policy (required): the SSL cipher suite order (the Group Policy value
 * {@code SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL\00010002\Functions}, else the local
 * {@code SYSTEM\CurrentControlSet\Control\Cryptography\Configuration\Local\SSL\00010002\Functions}) must
 * keep a suite that can complete a handshake with the vault. The vault's and the machines' certificates
 * are ECDSA P-256, so that means a TLS 1.2 ECDHE_ECDSA AES-GCM suite {@link TlsPolicy#TLS12_PLUS}
 * accepts, or a TLS 1.3 suite where the OS has TLS 1.3 ({@link OsInfo#hasTls13()}); ECDHE_RSA suites,
 * however strong, cannot be used with an ECDSA certificate. Windows 7/8 era names carry the ECDHE
 * curve as a suffix ({@code _P256}, {@code _P384}: both in TLS12_PLUS's groups; {@code _P521} is not).
 * Without either value the OS default order applies, which has ECDHE_ECDSA AES-GCM from Windows 7 /
 * 2008 R2 on; Server 2008 SP2's default order is not documented to have one (UNKNOWN).
 */
final class CipherSuitePolicyRule implements Rule {
    static final KeyPath POLICY = KeyPath.hklm("SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002");
    static final KeyPath LOCAL = KeyPath.hklm(
            "SYSTEM\\CurrentControlSet\\Control\\Cryptography\\Configuration\\Local\\SSL\\00010002");
    private static final Pattern CURVE = Pattern.compile("_P(256|384|521)$");

    @Override
    public String id() {
        return "cipher-suite-policy";
    }

    @Override
    public String title() {
        return "Cipher suite order keeps a suite usable with the vault's ECDSA certificate";
    }

    @Override
    public String citation() {
        return Citations.CIPHER_ORDER + " ; " + Citations.CIPHER_SUITES;
    }

    @Override
    public boolean required() {
        return true;
    }

    @Override
    public boolean appliesTo(Machine m) {
        return m.os().family() != OsFamily.UNSUPPORTED;
    }

    /** The IANA suite a Windows name means, without a curve suffix. */
    static Optional<CipherSuite> suite(String windowsName) {
        String n = CURVE.matcher(windowsName.strip().toUpperCase(Locale.ROOT)).replaceAll("");
        return CipherSuite.fromName(n);
    }

    /**
     * True when a handshake with an ECDSA P-256 certificate under TLS12_PLUS can use this suite: TLS 1.2
     * ECDHE_ECDSA AES-GCM on an allowed curve, or a TLS 1.3 suite when the OS has TLS 1.3.
     */
    static boolean usable(String windowsName, boolean tls13) {
        Matcher c = CURVE.matcher(windowsName.strip().toUpperCase(Locale.ROOT));
        if (c.find() && c.group(1).equals("521")) {
            return false;
        }
        return suite(windowsName).filter(s -> s.tls13()
                ? tls13 && TlsPolicy.TLS12_PLUS.allows(ProtocolVersion.TLS_1_3, s)
                : s.authentication() == Authentication.ECDSA && s.cipher() == BulkCipher.AES_GCM
                        && TlsPolicy.TLS12_PLUS.allows(ProtocolVersion.TLS_1_2, s)).isPresent();
    }

    @Override
    public RuleResult evaluate(Machine m) {
        Optional<RegValue> policy = m.value(POLICY, "Functions");
        if (policy.isPresent()) {
            return judge(m, POLICY, policy.get());
        }
        List<Evidence> ev = List.of(m.evidence(POLICY, "Functions", "no policy"),
                m.evidence(LOCAL, "Functions", "the Windows default suite order"));
        if (!m.has("SOFTWARE")) {
            // a Group Policy order (in SOFTWARE) would override whatever the local order says
            return unknown("the Group Policy suite order is in the SOFTWARE hive, which was not given", ev, Fix.NONE,
                    "give the SOFTWARE hive");
        }
        Optional<RegValue> local = m.value(LOCAL, "Functions");
        if (local.isPresent()) {
            return judge(m, LOCAL, local.get());
        }
        OsFamily f = m.os().family();
        if (!m.has("SYSTEM")) {
            return unknown("no policy order is set and the local order is in the SYSTEM hive, which was not given", ev,
                    Fix.NONE, "give the SYSTEM hive");
        }
        if (!f.known()) {
            return unknown("no suite order is configured; whether the default order has an ECDHE_ECDSA AES-GCM suite"
                    + " depends on the Windows version", ev, Fix.NONE, OsUpdateRule.GIVE_OS);
        }
        if (f == OsFamily.WIN2008_SP2) {
            return unknown("no suite order is configured, and Server 2008 SP2's default order is not documented to"
                    + " have an ECDHE_ECDSA AES-GCM suite", ev, Fix.action("confirm a handshake with"
                    + " `lifeboat doctor HOST:PORT` from this machine"), "a handshake from this machine"
                    + " (`lifeboat doctor HOST:PORT`), or a configured suite order");
        }
        return result(Status.PASS, "no suite order is configured; the default order of " + f.label()
                + " includes ECDHE_ECDSA AES-GCM suites", ev, Fix.NONE);
    }

    private RuleResult judge(Machine m, KeyPath key, RegValue value) {
        List<String> names = names(value);
        boolean tls13 = m.os().hasTls13();
        List<Evidence> ev = List.of(new Evidence(key.toString(), "Functions", value.display(), ""));
        List<String> good = names.stream().filter(n -> usable(n, tls13)).toList();
        if (!good.isEmpty()) {
            return result(Status.PASS, "the suite order keeps " + good.size() + " suite(s) usable with the vault's"
                    + " ECDSA P-256 certificate: " + String.join(", ", good), ev, Fix.NONE);
        }
        Set<String> fixed = new LinkedHashSet<>(recommended(m.os()));
        fixed.addAll(names);
        RegValue newValue = value.type() == ValueType.REG_MULTI_SZ.id()
                ? RegValue.multiString("Functions", List.copyOf(fixed))
                : RegValue.string("Functions", String.join(",", fixed));
        long rsa = names.stream().map(CipherSuitePolicyRule::suite).flatMap(Optional::stream)
                .filter(s -> s.authentication() == Authentication.RSA).count();
        return result(Status.FAIL, "the configured suite order (" + names.size() + " suites" + (rsa > 0 ? ", " + rsa
                + " of them RSA-authenticated" : "") + ") has no TLS 1.2 ECDHE_ECDSA AES-GCM suite" + (tls13 ? " and no"
                + " TLS 1.3 suite" : "") + ": the vault's certificate is ECDSA P-256, so no handshake with it can"
                + " succeed", ev, Fix.edits(List.of(new RegistryEdit.SetValue(key, newValue)),
                        "put TLS 1.2 ECDHE_ECDSA AES-GCM suites first in the suite order (the suites already listed are"
                                + " kept)" + (key.same(POLICY) ? " (this is a Group Policy value: change the GPO too, or"
                                + " it comes back at the next refresh)" : "") + "; restart Windows"));
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

    /**
     * The suites to add, as this Windows names them: TLS 1.3 first where the OS has it, then the
     * ECDHE_ECDSA and ECDHE_RSA AES-GCM suites of TLS12_PLUS (curve-suffixed before Windows 10, whose
     * Schannel knows no ChaCha20, so those are left out).
     */
    static List<String> recommended(OsInfo os) {
        List<String> out = new ArrayList<>();
        if (os.hasTls13()) {
            TlsPolicy.TLS12_PLUS.tls13Suites().stream().filter(s -> s.cipher() == BulkCipher.AES_GCM)
                    .forEach(s -> out.add(s.ianaName()));
        }
        boolean suffixed = os.family() != OsFamily.WIN10_PLUS;
        for (CipherSuite s : TlsPolicy.TLS12_PLUS.tls12Suites()) {
            if (s.cipher() != BulkCipher.AES_GCM) {
                continue;
            }
            if (suffixed && s.authentication() == Authentication.ECDSA) {
                out.add(s.ianaName() + "_P256");
                out.add(s.ianaName() + "_P384");
            }
            out.add(s.ianaName());
        }
        return out;
    }
}
