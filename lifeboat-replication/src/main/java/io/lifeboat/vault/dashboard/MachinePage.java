package io.lifeboat.vault.dashboard;

import static io.lifeboat.vault.dashboard.Html.esc;

import io.lifeboat.repository.PointInfo;
import io.lifeboat.vault.ops.MachineStatus;
import java.util.List;

/** {@code /ui/machines/NAME}: one machine's health and its recovery points, newest first. */
final class MachinePage {
    private MachinePage() {
    }

    static String main(MachineStatus m, List<PointInfo> points) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>Machine <span class=\"name\">").append(esc(m.machine())).append("</span> ")
                .append(Layout.health(m.health().id())).append("</h1><p>RPO target ")
                .append(Html.duration(m.thresholds().warning())).append(", critical at ")
                .append(Html.duration(m.thresholds().critical())).append(". Certificate expires ")
                .append(Html.time(m.certificateExpiry())).append(".</p>");
        if (points.isEmpty()) {
            return b.append("<p>No recovery point yet.</p>").toString();
        }
        b.append("<div class=\"scroll\"><table id=\"points\"><caption>").append(points.size())
                .append(" recovery points, newest first</caption><thead><tr><th scope=\"col\">Point</th>")
                .append("<th scope=\"col\">Created</th><th scope=\"col\">Source</th><th scope=\"col\">Kind</th>")
                .append("<th scope=\"col\">Size</th><th scope=\"col\">Bytes sent</th><th scope=\"col\">TLS</th>")
                .append("<th scope=\"col\">Consistency</th></tr></thead><tbody>");
        for (int i = points.size() - 1; i >= 0; i--) {
            PointInfo p = points.get(i);
            b.append("<tr data-point=\"").append(esc(p.id())).append("\"><th scope=\"row\"><code>").append(esc(p.id()))
                    .append("</code></th><td>").append(Html.time(p.created())).append("</td><td><code>")
                    .append(esc(p.source())).append("</code></td><td>").append(esc(p.kind())).append("</td><td>")
                    .append(Html.bytes(p.sourceBytes())).append("</td><td>").append(Html.bytes(p.bytesSent()))
                    .append("</td><td>").append(esc(p.tlsVersion())).append("<br><small>").append(esc(p.cipherSuite()))
                    .append("</small></td><td class=\"consistency\">").append(esc(p.consistency())).append("</td></tr>");
        }
        return b.append("</tbody></table></div>").toString();
    }
}
