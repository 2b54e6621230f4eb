/**
 * The operator's dashboard, served by {@code vault serve} under {@code /ui/} on the vault's one
 * HTTPS port (TLS 1.2/1.3 as every link), for a browser without a client certificate.
 *
 * <p>Sign-in: {@code lifeboat vault login-url} writes a one-time login ({@code V/ops/logins/},
 * only the SHA-256 of its secret, an expiry) and prints {@code https://VAULT/ui/login?t=ID.SECRET}.
 * Redeeming it renames the file into {@code used/} (atomic: a second use fails), starts a session
 * and redirects to {@code /ui/} so the secret leaves the address bar. The session cookie is
 * {@code HttpOnly; Secure; SameSite=Strict; Path=/ui}, its value random; the vault keeps sessions in
 * memory with a fixed lifetime (a restart signs everyone out).
 *
 * <p>Every route checks the session first (pages, the JSON API, even the script and stylesheet):
 * no session, 401. The dashboard only reads; its one change, sign-out, is a POST that must carry
 * the session's CSRF token, and the strict same-site cookie is never sent cross-site anyway. Every
 * answer forbids framing, caching and sniffing, and the content security policy allows only the
 * dashboard's own script and stylesheet.
 *
 * <p>Pages are server-rendered HTML (every value escaped by {@link io.lifeboat.vault.dashboard.Html});
 * {@code app.js} refreshes a page's {@code <main>} every few seconds by asking for the same page with
 * {@code X-Lifeboat-Partial: 1}, which answers only the fragment.
 */
package io.lifeboat.vault.dashboard;
