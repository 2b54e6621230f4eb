package io.lifeboat.vault.dashboard;

import static io.lifeboat.vault.dashboard.Html.esc;

import io.lifeboat.vault.ops.AgentRpo;
import io.lifeboat.vault.ops.FleetStatus;
import io.lifeboat.vault.ops.Link;
import io.lifeboat.vault.ops.MachineStatus;
import io.lifeboat.vault.ops.SourceStatus;
import java.util.Map;

/** {@code /ui/}: every machine and source with its health, RPO now against the target, last point and link. */
final class FleetPage {
    private FleetPage() {
    }

    static String main(FleetStatus fleet, Map<String, Link> links, Map<String, Map<String, AgentRpo>> agents) {
        StringBuilder b = new StringBuilder();
        long late = fleet.machines().stream().filter(m -> m.health().id().matches("warning|critical")).count();
        b.append("<h1>Fleet</h1><p class=\"summary\">").append(fleet.machines().size()).append(" machines, ")
                .append(late).append(" past their RPO warning threshold. As of ").append(Html.time(fleet.at()))
                .append(".</p>");
        if (fleet.machines().isEmpty()) {
            return b.append("<p>No machine is enrolled yet: <code>lifeboat vault enroll --machine NAME</code>.</p>").toString();
        }
        b.append("<div class=\"scroll\"><table id=\"fleet\"><caption>Machines and sources</caption><thead><tr>")
                .append("<th scope=\"col\">Machine</th><th scope=\"col\">Health</th><th scope=\"col\">Source</th>")
                .append("<th scope=\"col\">RPO now / target</th><th scope=\"col\">Last point</th>")
                .append("<th scope=\"col\">Size</th><th scope=\"col\">Bytes sent</th><th scope=\"col\">Last link TLS</th>")
                .append("<th scope=\"col\">Certificate expires</th></tr></thead><tbody>");
        for (MachineStatus m : fleet.machines()) {
            Link link = links.get(m.machine());
            if (m.sources().isEmpty()) {
                row(b, m, null, link, null);
            }
            for (SourceStatus s : m.sources()) {
                row(b, m, s, link, agents.getOrDefault(m.machine(), Map.of()).get(s.source()));
            }
        }
        return b.append("</tbody></table></div>").toString();
    }

    private static void row(StringBuilder b, MachineStatus m, SourceStatus s, Link link, AgentRpo agent) {
        String health = s == null ? m.health().id() : s.health().id();
        b.append("<tr data-machine=\"").append(esc(m.machine())).append("\" data-health=\"").append(esc(health))
                .append("\"><th scope=\"row\"><a href=\"/ui/machines/").append(Html.seg(m.machine())).append("\">")
                .append(esc(m.machine())).append("</a></th><td>").append(Layout.health(health)).append("</td>");
        if (s == null) {
            b.append("<td>—</td><td>— / ").append(Html.duration(m.thresholds().warning()))
                    .append("</td><td>never</td><td>—</td><td>—</td>");
        } else {
            b.append("<td><code>").append(esc(s.source())).append("</code></td><td>").append(Html.duration(s.rpo()))
                    .append(" / ").append(Html.duration(s.thresholds().warning())).append(agent(agent)).append("</td><td>")
                    .append(Html.time(s.last().created())).append("</td><td>").append(Html.bytes(s.last().sourceBytes()))
                    .append("</td><td>").append(Html.bytes(s.last().bytesSent())).append("</td>");
        }
        b.append("<td>").append(tls(s, link)).append("</td><td>").append(Html.time(m.certificateExpiry()))
                .append("</td></tr>");
    }

    /** What an agent protecting with --rpo reported: its target and the RPO it achieved. */
    private static String agent(AgentRpo a) {
        if (a == null) {
            return "";
        }
        return "<br><small class=\"agent-rpo\">agent: target " + Html.duration(a.target())
                + (a.achieved() == null ? "" : ", achieved " + Html.duration(a.achieved())) + "</small>";
    }

    /** The live link when this vault has seen one, else what the newest point recorded (no group there). */
    private static String tls(SourceStatus s, Link link) {
        if (link != null) {
            return esc(link.protocol()) + "<br><small>" + esc(link.cipherSuite()) + "<br>" + esc(link.group()) + "</small>";
        }
        if (s != null && s.last().tlsVersion() != null) {
            return esc(s.last().tlsVersion()) + "<br><small>" + esc(s.last().cipherSuite()) + "</small>";
        }
        return "—";
    }
}
