package io.lifeboat.vault.dashboard;

import static io.lifeboat.vault.dashboard.Html.esc;

/** The frame of every page: head, navigation, sign-out form; pages fill {@code <main>}. */
final class Layout {
    private Layout() {
    }

    /** @param current the navigation entry to mark, by its path */
    static String page(String title, String current, String csrf, String main) {
        StringBuilder b = new StringBuilder(4096 + main.length());
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" · Lifeboat vault</title>")
                .append("<link rel=\"stylesheet\" href=\"/ui/static/style.css\">")
                .append("<script src=\"/ui/static/app.js\" defer></script></head><body>")
                .append("<header><a class=\"brand\" href=\"/ui/\">Lifeboat vault</a><nav aria-label=\"Pages\"><ul>");
        nav(b, "/ui/", "Fleet", current);
        nav(b, "/ui/events", "Events", current);
        nav(b, "/ui/refused", "Refused clients", current);
        nav(b, "/ui/storage", "Storage", current);
        b.append("</ul></nav><form method=\"post\" action=\"/ui/logout\"><input type=\"hidden\" name=\"csrf\" value=\"")
                .append(esc(csrf)).append("\"><button type=\"submit\">Sign out</button></form></header>")
                .append("<p id=\"refresh-status\" role=\"status\" aria-live=\"polite\"></p>")
                .append("<main id=\"main\" data-refresh=\"5000\">").append(main).append("</main></body></html>");
        return b.toString();
    }

    private static void nav(StringBuilder b, String href, String label, String current) {
        b.append("<li><a href=\"").append(href).append('"');
        if (href.equals(current)) {
            b.append(" aria-current=\"page\"");
        }
        b.append('>').append(esc(label)).append("</a></li>");
    }

    /** A health badge: colour and the word, so it never relies on colour alone. */
    static String health(String id) {
        return "<span class=\"health health-" + esc(id) + "\">" + esc(id) + "</span>";
    }
}
