package io.lifeboat.cli.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeboat.tls.pki.CertificateReport;
import io.lifeboat.scan.probe.ProbeAttempt;
import io.lifeboat.scan.report.Finding;
import io.lifeboat.scan.report.ProtocolResult;
import io.lifeboat.scan.report.TargetReport;
import io.lifeboat.tls.wire.Ssl2CipherKind;
import io.lifeboat.tls.CipherSuite;
import io.lifeboat.tls.TlsPolicy;
import java.util.List;

/**
 * The JSON form of a scan, schema "lifeboat-scan/1" (docs/scanner.md). Built field by field so the
 * schema is visible in one place and does not drift with the Java records.
 */
final class ScanJson {
    static final String SCHEMA = "lifeboat-scan/1";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ScanJson() {
    }

    static ObjectNode of(List<TargetReport> reports) {
        ObjectNode root = F.objectNode();
        root.put("schema", SCHEMA);
        root.put("policy", TlsPolicy.TLS12_PLUS.name());
        root.put("compliant", reports.stream().allMatch(TargetReport::compliant));
        ArrayNode targets = root.putArray("targets");
        reports.forEach(r -> targets.add(target(r)));
        return root;
    }

    static ObjectNode target(TargetReport r) {
        ObjectNode t = F.objectNode();
        t.put("target", r.target());
        t.put("sni", r.sni().orElse(null));
        t.put("address", r.address().orElse(null));
        t.put("compliant", r.compliant());
        t.put("status", r.status().code());
        t.put("notTls", r.notTls().orElse(null));
        ObjectNode protocols = t.putObject("protocols");
        for (ProtocolResult p : r.protocols()) {
            ObjectNode n = protocols.putObject(p.version().standardName());
            n.put("accepted", p.accepted());
            n.put("known", p.known());
            ArrayNode suites = n.putArray("cipherSuites");
            p.cipherSuites().forEach(suites::add);
            ArrayNode ids = n.putArray("cipherSuiteIds");
            p.cipherSuites().forEach(name -> ids.add(id(name)));
            n.put("order", p.order().code());
        }
        ArrayNode groups = t.putArray("groups");
        r.groups().forEach(groups::add);
        t.put("groupsAskedAt", r.groupsAskedAt().isEmpty() ? null : r.groupsAskedAt());
        t.put("fallbackScsv", r.fallbackScsv().code());
        t.put("downgradeSentinel", r.downgradeSentinel().code());
        t.put("downgradeSentinelTls11", r.downgradeSentinelTls11().code());
        t.put("secureRenegotiation", r.secureRenegotiation().code());
        t.put("compression", r.compression().code());
        if (r.certificate().isPresent()) {
            t.set("certificate", certificate(r.certificate().get()));
        } else {
            t.putNull("certificate");
        }
        ArrayNode findings = t.putArray("findings");
        for (Finding f : r.findings()) {
            findings.addObject().put("id", f.id()).put("severity", f.severity().code()).put("message", f.message());
        }
        ArrayNode attempts = t.putArray("attempts");
        for (ProbeAttempt a : r.attempts()) {
            attempts.addObject().put("probe", a.probe()).put("status", a.status().code())
                    .put("reason", a.reason()).put("detail", a.detail());
        }
        t.put("connections", r.connections());
        t.put("seconds", Math.round(r.elapsed().toMillis() / 10.0) / 100.0);
        return t;
    }

    /** The code point as hex ("0xC02F"; six digits for SSL 2.0 cipher kinds). */
    static String id(String suiteName) {
        return CipherSuite.fromName(suiteName).map(s -> String.format("0x%04X", s.id()))
                .or(() -> java.util.Arrays.stream(Ssl2CipherKind.values()).filter(k -> k.name().equals(suiteName))
                        .findFirst().map(k -> String.format("0x%06X", k.id())))
                .orElse(suiteName);
    }

    private static ObjectNode certificate(CertificateReport c) {
        ObjectNode n = F.objectNode();
        n.put("subject", c.subject());
        ArrayNode sans = n.putArray("subjectAltNames");
        c.subjectAltNames().forEach(sans::add);
        n.put("issuer", c.issuer());
        n.put("notBefore", c.notBefore().toString());
        n.put("notAfter", c.notAfter().toString());
        n.put("keyType", c.keyType());
        n.put("keyBits", c.keyBits());
        n.put("signatureAlgorithm", c.signatureAlgorithm());
        n.put("sha256", c.sha256());
        n.put("chainLength", c.chainLength());
        n.put("source", c.source());
        n.put("trusted", c.trusted());
        n.put("trustDetail", c.trustDetail().isEmpty() ? null : c.trustDetail());
        n.put("expired", c.expired());
        n.put("notYetValid", c.notYetValid());
        n.put("selfSigned", c.selfSigned());
        n.put("hostnameMatches", c.hostnameMatches());
        n.put("expectedName", c.expectedName());
        return n;
    }
}
