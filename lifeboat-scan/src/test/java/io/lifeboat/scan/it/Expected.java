package io.lifeboat.scan.it;

import io.lifeboat.tls.Authentication;
import io.lifeboat.tls.CipherSuite;
import io.lifeboat.tls.ProtocolVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expected suite lists computed from each server's own configuration (never copied from scanner
 * output): OpenSSL's {@code openssl ciphers -V -s -tlsX SPEC}, GnuTLS's {@code gnutls-cli -l
 * --priority P}, and the cipher suites a JSSE server socket has enabled. A server can only choose a
 * suite its certificate can authenticate, so every list is then filtered by the certificate's key.
 */
final class Expected {
    private static final Pattern OPENSSL = Pattern.compile("0x([0-9A-F]{2}),0x([0-9A-F]{2})");
    private static final Pattern GNUTLS = Pattern.compile("\\s0x([0-9a-f]{2}), 0x([0-9a-f]{2})\\s+(TLS1\\.[0-3]|SSL3\\.0)");

    private Expected() {
    }

    /** @param flag "-tls1", "-tls1_1", "-tls1_2" or "-tls1_3" */
    static List<String> openssl(String flag, String spec, String certKey) throws IOException, InterruptedException {
        String out = run(List.of("openssl", "ciphers", "-V", "-s", flag, spec));
        List<String> names = new ArrayList<>();
        Matcher m = OPENSSL.matcher(out);
        while (m.find()) {
            names.add(name(Integer.parseInt(m.group(1) + m.group(2), 16)));
        }
        return forKey(names, certKey, flag.equals("-tls1_3"));
    }

    /** TLS 1.3 suites as OpenSSL lists them for a -ciphersuites value (null: OpenSSL's default, as nginx uses). */
    static List<String> openssl13(String ciphersuites) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "ciphers", "-V", "-s", "-tls1_3"));
        if (ciphersuites != null) {
            cmd.addAll(List.of("-ciphersuites", ciphersuites));
        }
        String out = run(cmd);
        List<String> names = new ArrayList<>();
        Matcher m = OPENSSL.matcher(out);
        while (m.find()) {
            int id = Integer.parseInt(m.group(1) + m.group(2), 16);
            if (id >> 8 == 0x13) {
                names.add(name(id));
            }
        }
        return names;
    }

    static List<String> gnutls(String priority, ProtocolVersion v, String certKey) throws IOException, InterruptedException {
        String out = run(List.of("gnutls-cli", "-l", "--priority", priority));
        List<String> names = new ArrayList<>();
        Matcher m = GNUTLS.matcher(out);
        while (m.find()) {
            int id = Integer.parseInt(m.group(1) + m.group(2), 16);
            ProtocolVersion min = switch (m.group(3)) {
                case "SSL3.0" -> ProtocolVersion.SSL_3_0;
                case "TLS1.0" -> ProtocolVersion.TLS_1_0;
                case "TLS1.1" -> ProtocolVersion.TLS_1_1;
                case "TLS1.2" -> ProtocolVersion.TLS_1_2;
                default -> ProtocolVersion.TLS_1_3;
            };
            boolean tls13 = id >> 8 == 0x13;
            if (tls13 == (v == ProtocolVersion.TLS_1_3) && !v.olderThan(min)) {
                names.add(name(id));
            }
        }
        return forKey(names, certKey, v == ProtocolVersion.TLS_1_3);
    }

    /** The groups of a GnuTLS priority string ("Groups:" of gnutls-cli -l), as registry names; {@code ecOnly} for TLS 1.2 ECDHE. */
    static List<String> gnutlsGroups(String priority, boolean ecOnly) throws IOException, InterruptedException {
        String out = run(List.of("gnutls-cli", "-l", "--priority", priority));
        Matcher m = Pattern.compile("(?m)^Groups: (.*)$").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no Groups line in gnutls-cli -l output");
        }
        List<String> names = new ArrayList<>();
        for (String g : m.group(1).split(",\\s*")) {
            String n = g.trim().replace("GROUP-", "").toLowerCase(java.util.Locale.ROOT);
            if (!(ecOnly && n.startsWith("ffdhe"))) {
                names.add(n);
            }
        }
        return names;
    }

    /** Keeps the suites a certificate with this key type ("EC" or "RSA") can serve. */
    static List<String> forKey(List<String> names, String certKey, boolean tls13) {
        if (tls13) {
            return names;
        }
        return names.stream().filter(n -> {
            CipherSuite s = CipherSuite.fromName(n).orElseThrow();
            Authentication a = s.authentication();
            return certKey.equals("EC") ? a == Authentication.ECDSA : a == Authentication.RSA;
        }).toList();
    }

    static String name(int id) {
        return CipherSuite.fromId(id).map(CipherSuite::ianaName).orElse(String.format("0x%04X", id));
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(cmd + " failed: " + out);
        }
        return out;
    }
}
