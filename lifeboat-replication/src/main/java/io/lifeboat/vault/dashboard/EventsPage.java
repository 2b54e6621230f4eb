package io.lifeboat.vault.dashboard;

import static io.lifeboat.vault.dashboard.Html.esc;

import io.lifeboat.vault.events.EventType;
import io.lifeboat.vault.events.VaultEvent;
import java.util.List;

/** {@code /ui/events} (the event log, newest first) and {@code /ui/refused} (refused legacy clients and their fix). */
final class EventsPage {
    private EventsPage() {
    }

    static String events(List<VaultEvent> events) {
        StringBuilder b = new StringBuilder("<h1>Events</h1><p>The last 24 hours, newest first.</p>");
        if (events.isEmpty()) {
            return b.append("<p>No events.</p>").toString();
        }
        b.append("<div class=\"scroll\"><table id=\"events\"><caption>Events</caption><thead><tr>")
                .append("<th scope=\"col\">Time</th><th scope=\"col\">Event</th><th scope=\"col\">Machine</th>")
                .append("<th scope=\"col\">What happened</th></tr></thead><tbody>");
        for (int i = events.size() - 1; i >= 0; i--) {
            VaultEvent e = events.get(i);
            b.append("<tr data-type=\"").append(esc(e.type().id())).append("\"><td>").append(Html.time(e.time()))
                    .append("</td><td>").append(esc(e.type().id())).append("</td><td>")
                    .append(e.machine() == null ? "—" : esc(e.machine())).append("</td><td>").append(esc(e.message()))
                    .append("</td></tr>");
        }
        return b.append("</tbody></table></div>").toString();
    }

    static String refused(List<VaultEvent> events) {
        List<VaultEvent> refused = events.stream().filter(e -> e.type() == EventType.LEGACY_CLIENT_REFUSED).toList();
        StringBuilder b = new StringBuilder("<h1>Refused legacy clients</h1><p>Clients that offered only TLS 1.0 or 1.1"
                + " in the last 7 days. The vault answered each with a <code>protocol_version</code> alert. On Windows,"
                + " run <code>lifeboat readiness --live</code> on the client: it names the missing update or registry"
                + " value and writes the fix.</p>");
        if (refused.isEmpty()) {
            return b.append("<p>None.</p>").toString();
        }
        b.append("<div class=\"scroll\"><table id=\"refused\"><caption>Refused handshakes, newest first</caption>")
                .append("<thead><tr><th scope=\"col\">Time</th><th scope=\"col\">Client</th><th scope=\"col\">Offered</th>")
                .append("<th scope=\"col\">Cause</th><th scope=\"col\">Fix to give them</th></tr></thead><tbody>");
        for (int i = refused.size() - 1; i >= 0; i--) {
            VaultEvent e = refused.get(i);
            b.append("<tr data-offered=\"").append(esc(e.detail().get("offered"))).append("\"><td>")
                    .append(Html.time(e.time())).append("</td><td><code>").append(esc(e.detail().get("peer")))
                    .append("</code></td><td>").append(esc(e.detail().get("offered"))).append("</td><td><code>")
                    .append(esc(e.detail().getOrDefault("cause", "—"))).append("</code></td><td>")
                    .append(esc(e.detail().get("fix"))).append("</td></tr>");
        }
        return b.append("</tbody></table></div>").toString();
    }
}
