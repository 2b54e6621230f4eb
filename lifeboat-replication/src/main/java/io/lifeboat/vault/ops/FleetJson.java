package io.lifeboat.vault.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON shape of the fleet view, shared by {@code vault rpo --json} and the dashboard's
 * {@code /ui/api/fleet}: {@code {"at", "machines": [{machine, health, warningSeconds,
 * criticalSeconds, certificateExpiry, link: {protocol, cipherSuite, group, peer, at}, sources:
 * [{source, health, rpoSeconds, points, lastPoint: {id, created, sourceBytes, bytesSent,
 * tlsVersion, cipherSuite, consistency}, agent?: {targetSeconds, achievedSeconds, lastPassSeconds,
 * reported}}]}]}}.
 */
public final class FleetJson {
    private FleetJson() {
    }

    public static Map<String, Object> of(FleetStatus s, Map<String, Link> links) {
        return of(s, links, Map.of());
    }

    /** @param agents what agents protecting with {@code --rpo} reported, per machine and source */
    public static Map<String, Object> of(FleetStatus s, Map<String, Link> links, Map<String, Map<String, AgentRpo>> agents) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", s.at().toString());
        m.put("machines", s.machines().stream().map(x -> machine(x, links.get(x.machine()),
                agents.getOrDefault(x.machine(), Map.of()))).toList());
        return m;
    }

    static Map<String, Object> machine(MachineStatus x, Link link, Map<String, AgentRpo> agent) {
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
        List<Map<String, Object>> sources = x.sources().stream().map(src -> source(src, agent.get(src.source()))).toList();
        m.put("sources", sources);
        return m;
    }

    static Map<String, Object> source(SourceStatus s, AgentRpo agent) {
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
        if (agent != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("targetSeconds", agent.target().toSeconds());
            a.put("achievedSeconds", agent.achieved() == null ? null : agent.achieved().toSeconds());
            a.put("lastPassSeconds", agent.lastPass().toSeconds());
            a.put("reported", agent.reported().toString());
            m.put("agent", a);
        }
        return m;
    }
}
