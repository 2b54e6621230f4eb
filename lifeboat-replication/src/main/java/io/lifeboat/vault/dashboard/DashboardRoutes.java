package io.lifeboat.vault.dashboard;

import io.lifeboat.vault.api.VaultContext;
import io.lifeboat.vault.api.VaultRoutes;
import io.lifeboat.vault.ops.FleetJson;
import io.lifeboat.vault.ops.FleetView;
import io.lifeboat.vault.ops.MachineStatus;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's routes, registered before the vault's mutual-TLS check: sign-in by one-time
 * login, then every {@code /ui/} route behind the session check. See the package note.
 */
public final class DashboardRoutes implements VaultRoutes {
    static final String COOKIE = "lb_session";
    private static final String SESSION_KEY = "lifeboat.dashboard.session";

    private final FleetView fleet;
    private final LoginTokens logins;
    private final Sessions sessions;
    private final Clock clock;
    private final String appJs = resource("app.js");
    private final String styleCss = resource("style.css");

    public DashboardRoutes(FleetView fleet, LoginTokens logins, Clock clock, Duration sessionLifetime) {
        this.fleet = fleet;
        this.logins = logins;
        this.clock = clock;
        this.sessions = new Sessions(clock, sessionLifetime);
    }

    private static String resource(String name) {
        try (InputStream in = DashboardRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard resource " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void register(Router router, VaultContext context) {
        router.get("/").handler(ctx -> ctx.redirect("/ui/"));
        router.get("/ui/login").blockingHandler(this::login, false);
        router.route("/ui/*").handler(this::requireSession); // also matches "/ui"
        router.get("/ui/").blockingHandler(ctx -> page(ctx, "Fleet", "/ui/",
                FleetPage.main(fleet.status(), fleet.links(), fleet.agentRpo())), false);
        router.get("/ui/machines/:machine").blockingHandler(this::machine, false);
        router.get("/ui/events").blockingHandler(ctx -> page(ctx, "Events", "/ui/events",
                EventsPage.events(fleet.events(clock.instant().minus(Duration.ofDays(1))))), false);
        router.get("/ui/refused").blockingHandler(ctx -> page(ctx, "Refused clients", "/ui/refused",
                EventsPage.refused(fleet.events(clock.instant().minus(Duration.ofDays(7))))), false);
        router.get("/ui/storage").blockingHandler(ctx -> page(ctx, "Storage", "/ui/storage",
                StoragePage.main(fleet.storage())), false);
        router.get("/ui/api/fleet").blockingHandler(ctx -> json(ctx, FleetJson.of(fleet.status(), fleet.links(), fleet.agentRpo())), false);
        router.get("/ui/api/events").blockingHandler(ctx -> json(ctx, Map.of("events",
                fleet.events(clock.instant().minus(Duration.ofDays(1))).stream()
                        .map(io.lifeboat.vault.events.VaultEvent::toJson).toList())), false);
        router.get("/ui/static/app.js").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/javascript; charset=utf-8").end(appJs));
        router.get("/ui/static/style.css").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/css; charset=utf-8").end(styleCss));
        router.post("/ui/logout").handler(this::logout);
        router.route("/ui/*").handler(ctx -> ctx.response().setStatusCode(404)
                .putHeader("Content-Type", "text/plain; charset=utf-8").end("no such dashboard page\n"));
    }

    /** Headers on every dashboard answer, signed in or not. */
    private static void harden(HttpServerResponse r) {
        r.putHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self';"
                + " img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        r.putHeader("X-Content-Type-Options", "nosniff");
        r.putHeader("X-Frame-Options", "DENY");
        r.putHeader("Referrer-Policy", "no-referrer");
        r.putHeader("Cache-Control", "no-store");
    }

    private void login(RoutingContext ctx) {
        harden(ctx.response());
        Optional<LoginTokens.Refusal> refusal = logins.redeem(ctx.request().getParam("t"));
        if (refusal.isPresent()) {
            unauthorised(ctx, refusal.get() == LoginTokens.Refusal.EXPIRED
                    ? "This sign-in link has expired." : "This sign-in link is not valid or was already used.");
            return;
        }
        Cookie c = Cookie.cookie(COOKIE, sessions.start()).setPath("/ui").setHttpOnly(true).setSecure(true)
                .setSameSite(CookieSameSite.STRICT).setMaxAge(sessions.lifetime().toSeconds());
        ctx.response().addCookie(c);
        ctx.redirect("/ui/");
    }

    private void requireSession(RoutingContext ctx) {
        harden(ctx.response());
        Cookie c = ctx.request().getCookie(COOKIE);
        Optional<Sessions.Session> s = sessions.find(c == null ? null : c.getValue());
        if (s.isEmpty()) {
            unauthorised(ctx, "Sign in with a link from `lifeboat vault login-url`.");
            return;
        }
        ctx.put(SESSION_KEY, s.get());
        ctx.next();
    }

    private static void unauthorised(RoutingContext ctx, String why) {
        ctx.response().setStatusCode(401).putHeader("Content-Type", "text/html; charset=utf-8")
                .end("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in · Lifeboat vault"
                        + "</title></head><body><h1>Not signed in</h1><p>" + Html.esc(why) + "</p></body></html>");
    }

    private void page(RoutingContext ctx, String title, String nav, String main) {
        HttpServerResponse r = ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Vary", "X-Lifeboat-Partial");
        if ("1".equals(ctx.request().getHeader("X-Lifeboat-Partial"))) {
            r.end(main);
            return;
        }
        Sessions.Session s = ctx.get(SESSION_KEY);
        r.end(Layout.page(title, nav, s.csrf(), main));
    }

    private void machine(RoutingContext ctx) {
        String name = ctx.pathParam("machine");
        Optional<MachineStatus> m = fleet.status().machine(name);
        if (m.isEmpty()) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("no such machine\n");
            return;
        }
        page(ctx, "Machine " + name, "", MachinePage.main(m.get(), fleet.points(name)));
    }

    private static void json(RoutingContext ctx, Object body) {
        ctx.response().putHeader("Content-Type", "application/json").end(Json.encode(body));
    }

    /** Sign-out: a form POST carrying the session's CSRF token; ends the session and clears the cookie. */
    private void logout(RoutingContext ctx) {
        Sessions.Session s = ctx.get(SESSION_KEY);
        ctx.request().body().onComplete(ar -> {
            String form = ar.succeeded() ? ar.result().toString(StandardCharsets.UTF_8) : "";
            String token = io.netty.handler.codec.http.QueryStringDecoder.decodeComponent(
                    form.startsWith("csrf=") ? form.substring(5) : "");
            if (!java.security.MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                    s.csrf().getBytes(StandardCharsets.UTF_8))) {
                ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("sign-out refused: missing or wrong CSRF token\n");
                return;
            }
            sessions.end(ctx.request().getCookie(COOKIE).getValue());
            ctx.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/ui").setHttpOnly(true).setSecure(true)
                    .setSameSite(CookieSameSite.STRICT).setMaxAge(0));
            unauthorised(ctx, "Signed out.");
        });
    }
}
