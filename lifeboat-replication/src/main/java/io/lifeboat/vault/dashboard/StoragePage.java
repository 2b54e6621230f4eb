package io.lifeboat.vault.dashboard;

import static io.lifeboat.vault.dashboard.Html.esc;

import io.lifeboat.vault.ops.StorageUse;
import java.util.Map;

/** {@code /ui/storage}: what the repository occupies on disk, and per machine what its points hold. */
final class StoragePage {
    private StoragePage() {
    }

    static String main(StorageUse use) {
        StringBuilder b = new StringBuilder("<h1>Storage</h1><p>The repository occupies <strong>")
                .append(Html.bytes(use.totalBytes())).append("</strong> on disk (blocks are stored once, however many"
                        + " points name them).</p>");
        b.append("<div class=\"scroll\"><table id=\"folders\"><caption>On disk, by folder</caption><thead><tr>")
                .append("<th scope=\"col\">Folder</th><th scope=\"col\">Bytes</th></tr></thead><tbody>");
        for (Map.Entry<String, Long> e : use.byFolder().entrySet()) {
            b.append("<tr><th scope=\"row\"><code>").append(esc(e.getKey())).append("</code></th><td>")
                    .append(Html.bytes(e.getValue())).append("</td></tr>");
        }
        b.append("</tbody></table></div><div class=\"scroll\"><table id=\"machines\"><caption>Per machine</caption>")
                .append("<thead><tr><th scope=\"col\">Machine</th><th scope=\"col\">Points</th>")
                .append("<th scope=\"col\">Data in its points</th><th scope=\"col\">Bytes sent for them</th></tr></thead><tbody>");
        for (StorageUse.MachineUse m : use.machines()) {
            b.append("<tr><th scope=\"row\">").append(esc(m.machine())).append("</th><td>").append(m.points())
                    .append("</td><td>").append(Html.bytes(m.sourceBytes())).append("</td><td>")
                    .append(Html.bytes(m.bytesSent())).append("</td></tr>");
        }
        return b.append("</tbody></table></div>").toString();
    }
}
