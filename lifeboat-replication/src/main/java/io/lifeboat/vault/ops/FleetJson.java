package io.lifeboat.vault.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON shape of the fleet view, shared by {@code vault rpo --json} and the dashboard's
 * {@code /ui/api/fleet}: {@code {"at", "machines": [{machine, health, warningSeconds,
 * criticalSeconds, certificateExpiry, link: {protocol, cipherSuite, group, peer, at}, sources:
 * [{source, health, rpoSeconds, points, lastPoint: {id, created, sourceBytes, bytesSent,
 * tlsVersion, cipherSuite, consistency}}]}]}}.
 */
public final class FleetJson {
    private FleetJson() {
    }

    public static Map<String, Object> of(FleetStatus s, Map<String, Link> links) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", s.at().toString());
        m.put("machines", s.machines().stream().map(x -> machine(x, links.get(x.machine()))).toList());
        return m;
    }

    static Map<String, Object> machine(MachineStatus x, Link link) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("machine", x.machine());
        m.put("health", x.health().id());
        m.put("warningSeconds", x.thresholds().warning().toSeconds());
        m.put("criticalSeconds", x.thresholds().critical().toSeconds());
        m.put("certificateExpiry", x.certificateExpiry() == null ? null : x.certificateExpiry().toString());
        if (link != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("protocol", link.protocol());
            l.put("cipherSuite", link.cipherSuite());
            l.put("group", link.group());
            l.put("peer", link.peer());
            l.put("at", link.at().toString());
            m.put("link", l);
        }
        List<Map<String, Object>> sources = x.sources().stream().map(FleetJson::source).toList();
        m.put("sources", sources);
        return m;
    }

    static Map<String, Object> source(SourceStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", s.source());
        m.put("health", s.health().id());
        m.put("rpoSeconds", s.rpo().toSeconds());
        m.put("points", s.points());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", s.last().id());
        p.put("created", s.last().created().toString());
        p.put("sourceBytes", s.last().sourceBytes());
        p.put("bytesSent", s.last().bytesSent());
        p.put("tlsVersion", s.last().tlsVersion());
        p.put("cipherSuite", s.last().cipherSuite());
        p.put("consistency", s.last().consistency());
        m.put("lastPoint", p);
        return m;
    }
}
