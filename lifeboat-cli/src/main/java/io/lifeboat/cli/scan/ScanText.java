package io.lifeboat.cli.scan;

import io.lifeboat.tls.pki.CertificateReport;
import io.lifeboat.scan.probe.ProbeAttempt;
import io.lifeboat.scan.probe.SuiteOrder;
import io.lifeboat.scan.report.Finding;
import io.lifeboat.scan.report.ProtocolResult;
import io.lifeboat.scan.report.TargetReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The readable report: one block per target, findings last, then a one-line summary. */
final class ScanText {
    private ScanText() {
    }

    static void print(List<TargetReport> reports, PrintStream out) {
        for (TargetReport r : reports) {
            target(r, out);
            out.println();
        }
        long ok = reports.stream().filter(TargetReport::compliant).count();
        out.printf(Locale.ROOT, "%d of %d target(s) compliant with TLS12_PLUS%n", ok, reports.size());
    }

    static void target(TargetReport r, PrintStream out) {
        String at = r.address().filter(a -> !r.target().startsWith(a) && !r.target().startsWith("[" + a))
                .map(a -> " (" + a + ")").orElse("");
        out.printf(Locale.ROOT, "%s%s%s  %s  (%d connections, %.2f s)%n", r.target(), at,
                r.sni().map(s -> " [SNI " + s + "]").orElse(""), r.status().label(),
                r.connections(), r.elapsed().toMillis() / 1000.0);
        out.println("  Protocols");
        for (ProtocolResult p : r.protocols()) {
            String state = !p.known() ? "unknown (probe failed)" : p.accepted() ? "accepted" : "no";
            out.printf(Locale.ROOT, "    %-8s %s%s%n", p.version().standardName(), state,
                    p.accepted() && p.cipherSuites().size() > 1 ? "  (" + order(p.order()) + ")" : "");
            if (p.accepted()) {
                p.cipherSuites().forEach(s -> out.println("             " + s));
            }
        }
        if (!r.groups().isEmpty()) {
            out.println("  Groups (" + r.groupsAskedAt() + ")  " + String.join(", ", r.groups()));
        }
        out.println("  Fallback SCSV          " + r.fallbackScsv().code());
        out.println("  Downgrade sentinel     " + r.downgradeSentinel().code());
        out.println("  Secure renegotiation   " + r.secureRenegotiation().code());
        out.println("  Compression            " + r.compression().code());
        r.certificate().ifPresent(c -> certificate(c, out));
        if (!r.findings().isEmpty()) {
            out.println("  Findings");
            for (Finding f : r.findings()) {
                out.println("    " + f.severity().code().toUpperCase(Locale.ROOT) + " " + f.id() + ": " + f.message());
            }
        }
        List<ProbeAttempt> failed = r.attempts().stream().filter(a -> a.status() == ProbeAttempt.Status.ERROR).toList();
        if (!failed.isEmpty()) {
            out.println("  Probe errors");
            failed.forEach(a -> out.println("    " + a.probe() + ": " + a.reason() + " - " + a.detail()));
        }
    }

    private static String order(SuiteOrder o) {
        return switch (o) {
            case SERVER -> "server order";
            case CLIENT -> "client order: the server has no preference";
            case NOT_APPLICABLE -> "";
            case UNKNOWN -> "order unknown";
        };
    }

    private static void certificate(CertificateReport c, PrintStream out) {
        out.println("  Certificate");
        out.println("    subject    " + c.subject());
        out.println("    names      " + String.join(", ", c.subjectAltNames()));
        out.println("    issuer     " + c.issuer());
        out.println("    valid      " + c.notBefore() + " .. " + c.notAfter());
        out.println("    key        " + c.keyType() + " " + c.keyBits() + ", signed " + c.signatureAlgorithm());
        out.println("    trusted    " + (c.trusted() ? "yes" : "no (" + c.trustDetail() + ")"));
        out.println("    expired " + yes(c.expired()) + ", self-signed " + yes(c.selfSigned())
                + ", matches " + c.expectedName() + " " + yes(c.hostnameMatches()));
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
