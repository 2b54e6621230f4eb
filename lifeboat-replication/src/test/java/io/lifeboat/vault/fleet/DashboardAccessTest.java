package io.lifeboat.vault.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance 2 (dashboard part): no session, no page; a login URL works once and only in time; sessions end. */
class DashboardAccessTest {
    static final List<String> PROTECTED = List.of("/ui/", "/ui/machines/web-1", "/ui/events", "/ui/refused",
            "/ui/storage", "/ui", "/ui/api/fleet", "/ui/api/events", "/ui/static/app.js", "/ui/static/style.css", "/ui/nope");

    @TempDir
    Path tmp;

    static HttpResponse<String> get(HttpClient http, String url, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in; answers the "name=value" of the session cookie after checking its attributes. */
    static String signIn(HttpClient http, String loginUrl) throws Exception {
        HttpResponse<String> r = get(http, loginUrl, null);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/ui/");
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(set).startsWith("lb_session=").containsIgnoringCase("; HttpOnly").contains("; Secure").contains("SameSite=Strict")
                .contains("Path=/ui");
        return set.substring(0, set.indexOf(';'));
    }

    @Test
    void everyPageAndApiAnswers401WithoutASessionAndAnswersWithOne() throws Exception {
        FleetLab.requireEngine();
        try (FleetLab lab = new FleetLab(tmp)) {
            lab.enrol("web-1");
            HttpClient http = lab.https();
            for (String p : PROTECTED) {
                HttpResponse<String> r = get(http, lab.base() + p, null);
                assertThat(r.statusCode()).as(p).isEqualTo(401);
                assertThat(r.body()).as(p).doesNotContain("web-1");
                assertThat(r.headers().firstValue("Cache-Control")).as(p).hasValue("no-store");
                assertThat(get(http, lab.base() + p, "lb_session=forged").statusCode()).as(p + " forged").isEqualTo(401);
            }
            String cookie = signIn(http, lab.loginUrl(Duration.ofMinutes(10)));
            HttpResponse<String> fleet = get(http, lab.base() + "/ui/", cookie);
            assertThat(fleet.statusCode()).isEqualTo(200);
            assertThat(fleet.body()).contains("data-machine=\"web-1\"").contains("never-protected");
            assertThat(fleet.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
            assertThat(get(http, lab.base() + "/ui/api/fleet", cookie).body()).contains("\"machine\":\"web-1\"");
            assertThat(get(http, lab.base() + "/ui/machines/web-1", cookie).statusCode()).isEqualTo(200);
            assertThat(get(http, lab.base() + "/ui/machines/nobody", cookie).statusCode()).isEqualTo(404);
            assertThat(get(http, lab.base() + "/ui/storage", cookie).body()).contains("Per machine").contains("on disk");
            lab.fleet.ops().checkNow(); // the ops thread has written the enrolment event
            HttpResponse<String> partial = http.send(HttpRequest.newBuilder(URI.create(lab.base() + "/ui/events"))
                    .header("Cookie", cookie).header("X-Lifeboat-Partial", "1").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(partial.body()).startsWith("<h1>Events</h1>").doesNotContain("<html").contains("enrolled");

            // sign-out needs the session's CSRF token
            HttpResponse<String> noCsrf = http.send(HttpRequest.newBuilder(URI.create(lab.base() + "/ui/logout"))
                    .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=guess")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(noCsrf.statusCode()).isEqualTo(403);
            assertThat(get(http, lab.base() + "/ui/", cookie).statusCode()).as("still signed in").isEqualTo(200);

            // sessions expire
            lab.clock.advance(Duration.ofMinutes(31));
            assertThat(get(http, lab.base() + "/ui/", cookie).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aLoginUrlWorksOnceAndOnlyBeforeItExpires() throws Exception {
        FleetLab.requireEngine();
        try (FleetLab lab = new FleetLab(tmp)) {
            HttpClient http = lab.https();
            String url = lab.loginUrl(Duration.ofMinutes(10));
            signIn(http, url);
            HttpResponse<String> again = get(http, url, null);
            assertThat(again.statusCode()).isEqualTo(401);
            assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();

            String late = lab.loginUrl(Duration.ofMinutes(10));
            lab.clock.advance(Duration.ofMinutes(11));
            HttpResponse<String> expired = get(http, late, null);
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(expired.body()).contains("expired");

            String good = lab.loginUrl(Duration.ofMinutes(10));
            String tampered = good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA");
            assertThat(get(http, tampered, null).statusCode()).isEqualTo(401);
            assertThat(get(http, good, null).statusCode()).as("a wrong secret also uses the login up").isEqualTo(401);
            assertThat(get(http, lab.base() + "/ui/login?t=../../vault", null).statusCode()).isEqualTo(401);
        }
    }
}
