package io.lifeboat.tls.pki;

import java.net.IDN;
import java.util.List;
import java.util.Locale;

/**
 * RFC 6125 name matching against the subjectAltName entries: DNS names case-insensitively, a
 * wildcard only as the whole left-most label and never across dots or for IP addresses; IP
 * addresses only against IP entries. The subject CN is not consulted (browsers dropped that).
 * The one hostname rule of Lifeboat: the scanner's and the doctor's chain judges both use it.
 */
public final class HostnameMatcher {
    private HostnameMatcher() {
    }

    /** @param sans "DNS:name" and "IP:address" entries */
    public static boolean matches(String expected, List<String> sans) {
        if (expected == null || expected.isEmpty()) {
            return false;
        }
        boolean ip = expected.contains(":") || expected.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        String want = ip ? normaliseIp(expected) : ascii(expected);
        for (String san : sans) {
            if (ip && san.startsWith("IP:") && normaliseIp(san.substring(3)).equals(want)) {
                return true;
            }
            if (!ip && san.startsWith("DNS:") && dnsMatches(want, ascii(san.substring(4)))) {
                return true;
            }
        }
        return false;
    }

    private static String ascii(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        try {
            return IDN.toASCII(n).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return n.toLowerCase(Locale.ROOT);
        }
    }

    private static String normaliseIp(String ip) {
        try {
            return java.net.InetAddress.getByName(ip.replace("[", "").replace("]", "")).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return ip;
        }
    }

    static boolean dnsMatches(String host, String pattern) {
        if (!pattern.startsWith("*.")) {
            return host.equals(pattern);
        }
        String suffix = pattern.substring(1); // ".example.com"
        if (suffix.chars().filter(c -> c == '.').count() < 2) {
            return false; // "*.com" matches nothing
        }
        if (!host.endsWith(suffix)) {
            return false;
        }
        String label = host.substring(0, host.length() - suffix.length());
        return !label.isEmpty() && !label.contains(".");
    }

    /** The leaf's subjectAltName entries as "DNS:name" and "IP:address" (other kinds left out). */
    public static List<String> subjectAltNames(java.security.cert.X509Certificate leaf) {
        List<String> out = new java.util.ArrayList<>();
        try {
            java.util.Collection<List<?>> all = leaf.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> san : all) {
                    int type = (Integer) san.get(0);
                    if (type == 2) {
                        out.add("DNS:" + san.get(1));
                    } else if (type == 7) {
                        out.add("IP:" + san.get(1));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // no readable SANs: nothing matches
        }
        return out;
    }

    /** Does {@code leaf} name {@code host} (a name, an address, or a bracketed IPv6 address)? */
    public static boolean matches(String host, java.security.cert.X509Certificate leaf) {
        String h = host != null && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return matches(h, subjectAltNames(leaf));
    }
}
