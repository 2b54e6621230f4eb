package io.lifeboat.scan.probe;

import io.lifeboat.scan.net.Connector;
import io.lifeboat.scan.net.FailureReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Is there a TLS server at all? Runs after the version probe: when no hello got a TLS answer (no
 * ServerHello, no alert) although the port took connections, the peer is either not TLS (HTTP, SMTP,
 * SSH ...) or something that cuts every TLS connection (a filter). One more connection sends a
 * plaintext {@code GET / HTTP/1.0} and keeps what comes back (a server that speaks first, such as SMTP
 * or SSH, has sent its banner by then), so the report quotes evidence instead of calling the peer a
 * TLS server that refuses every version.
 */
final class ReachabilityProbe implements Probe {
    private static final byte[] REQUEST = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void run(ProbeContext ctx) throws InterruptedException {
        String id = ProbeKind.REACHABILITY.id();
        if (ctx.facts().sawTls()) {
            ctx.facts().attempt(ProbeAttempt.notRun(id, "not_applicable", "the server answered TLS"));
            return;
        }
        List<ProbeAttempt> versions = ctx.facts().attempts().stream()
                .filter(a -> a.probe().startsWith(ProbeKind.PROTOCOL_VERSIONS.id() + ":")).toList();
        long silent = versions.stream().filter(a -> a.status() == ProbeAttempt.Status.COMPLETED
                && a.detail().contains("without answering")).count();
        List<String> garbage = versions.stream().filter(a -> a.reason().equals(FailureReason.NOT_TLS.code()))
                .map(ProbeAttempt::detail).toList();
        if (silent == 0 && garbage.isEmpty()) {
            ctx.facts().attempt(ProbeAttempt.notRun(id, "not_applicable", "no connection was answered or closed"));
            return;
        }
        byte[] answer;
        try {
            answer = ctx.connector().plaintext(REQUEST, 512, 1500);
        } catch (Connector.ExchangeFailure f) {
            ctx.facts().attempt(ProbeAttempt.error(id, f.failure()));
            return;
        }
        if (silent < versions.size() && garbage.isEmpty() && answer.length == 0) {
            ctx.facts().attempt(ProbeAttempt.completed(id, "undecided: some hellos failed, none was answered"));
            return;
        }
        List<String> evidence = new ArrayList<>();
        if (!garbage.isEmpty()) {
            evidence.add("a TLS hello was answered with bytes that are not TLS (" + garbage.get(0) + ")");
        }
        if (silent > 0) {
            evidence.add("the port accepted TCP and closed or reset " + silent + " of " + versions.size()
                    + " TLS hello(s) (SSL 2.0 to TLS 1.3) without sending a byte");
        }
        evidence.add(answer.length == 0 ? "a plaintext GET / HTTP/1.0 got no answer either"
                : "a plaintext GET / HTTP/1.0 was answered \"" + printable(answer) + "\"");
        String text = String.join("; ", evidence);
        ctx.facts().notTls(text);
        ctx.facts().attempt(ProbeAttempt.completed(id, "not TLS: " + text));
    }

    /** The first line or so, control characters shown as dots. */
    private static String printable(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 120), StandardCharsets.ISO_8859_1);
        return s.replaceAll("\r?\n", " | ").replaceAll("[^\\x20-\\x7e]", ".").trim();
    }
}
