package io.lifeboat.scan.probe;

import io.lifeboat.scan.net.Until;
import io.lifeboat.tls.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Every suite the server accepts at each accepted version, in its preference order.
 *
 * <p>Enumeration (as testssl.sh does it): offer a whole bundle, note the suite chosen, offer the
 * bundle without it, and so on until the server refuses; bundles run concurrently, versions too.
 * Order: offer the accepted suites reversed. A server that still picks its first choice has its own
 * order (which the enumeration of a single bundle already produced; with several bundles the set is
 * re-ranked by repeated choice); a server that picks our first has none ("client order").
 */
final class CipherSuitesProbe implements Probe {

    @Override
    public void run(ProbeContext ctx) throws InterruptedException {
        List<Callable<Void>> jobs = new ArrayList<>();
        for (ProtocolVersion v : ctx.facts().acceptedVersions()) {
            jobs.add(() -> {
                enumerate(ctx, v);
                return null;
            });
        }
        ctx.parallel(jobs);
    }

    private void enumerate(ProbeContext ctx, ProtocolVersion v) throws InterruptedException {
        String id = ProbeKind.CIPHER_SUITES.id() + ":" + v.standardName();
        VersionSupport support = ctx.facts().version(v).orElseThrow();
        if (v == ProtocolVersion.SSL_2_0) {
            ctx.facts().suites(new SuiteList(v, support.chosen(), SuiteOrder.NOT_APPLICABLE));
            ctx.facts().attempt(ProbeAttempt.completed(id, support.chosen().size() + " cipher kind(s)"));
            return;
        }
        List<List<Integer>> bundles = SuiteCatalog.bundles(SuiteCatalog.candidates(v), ctx.options().bundleSize());
        List<Callable<List<Integer>>> jobs = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < bundles.size(); i++) {
            int first = i < support.picks().size() ? support.picks().get(i) : -1;
            List<Integer> bundle = bundles.get(i);
            if (first >= 0) {
                jobs.add(() -> drain(ctx, v, bundle, first, errors));
            }
        }
        List<List<Integer>> found = ctx.parallel(jobs);
        List<Integer> all = new ArrayList<>();
        found.forEach(all::addAll);
        SuiteOrder order;
        List<Integer> ranked = all;
        if (all.size() < 2) {
            order = SuiteOrder.NOT_APPLICABLE;
        } else {
            List<Integer> reversed = new ArrayList<>(all);
            java.util.Collections.reverse(reversed);
            int forward = found.size() == 1 ? all.get(0) : choose(ctx, v, all, errors);
            int backward = choose(ctx, v, reversed, errors);
            if (forward == all.get(0) && backward == reversed.get(0)) {
                order = SuiteOrder.CLIENT;
            } else if (forward < 0 || backward < 0) {
                order = SuiteOrder.UNKNOWN;
            } else {
                order = SuiteOrder.SERVER;
                if (found.size() > 1 || backward != all.get(0)) {
                    ranked = rank(ctx, v, all, errors);
                    if (ranked.size() != all.size()) {
                        ranked = all;
                        order = SuiteOrder.UNKNOWN;
                    }
                }
            }
        }
        ctx.facts().suites(new SuiteList(v, ranked, order));
        synchronized (errors) {
            if (errors.isEmpty()) {
                ctx.facts().attempt(ProbeAttempt.completed(id, ranked.size() + " suite(s), " + order.code() + " order"));
            } else {
                ctx.facts().attempt(new ProbeAttempt(id, ProbeAttempt.Status.ERROR, errors.get(0).split(":", 2)[0],
                        "list may be incomplete: " + errors.get(0)));
            }
        }
    }

    /** Offer the bundle minus what was chosen, until the server refuses; returns the choices in order. */
    private List<Integer> drain(ProbeContext ctx, ProtocolVersion v, List<Integer> bundle, int first, List<String> errors)
            throws InterruptedException {
        List<Integer> chosen = new ArrayList<>(List.of(first));
        List<Integer> remaining = new ArrayList<>(bundle);
        remaining.remove(Integer.valueOf(first));
        while (!remaining.isEmpty()) {
            HelloOutcome o = HelloOutcome.of(ctx.exchange(ctx.hellos().hello(v, remaining), Until.SERVER_HELLO), v, remaining);
            if (o instanceof HelloOutcome.Accepted a) {
                chosen.add(a.suite());
                remaining.remove(Integer.valueOf(a.suite()));
            } else {
                if (o instanceof HelloOutcome.Failed f) {
                    synchronized (errors) {
                        errors.add(f.failure().toString());
                    }
                }
                break;
            }
        }
        return chosen;
    }

    /** The suite the server picks from {@code offer}, or -1. */
    private int choose(ProbeContext ctx, ProtocolVersion v, List<Integer> offer, List<String> errors)
            throws InterruptedException {
        HelloOutcome o = HelloOutcome.of(ctx.exchange(ctx.hellos().hello(v, offer), Until.SERVER_HELLO), v, offer);
        if (o instanceof HelloOutcome.Accepted a) {
            return a.suite();
        }
        if (o instanceof HelloOutcome.Failed f) {
            synchronized (errors) {
                errors.add(f.failure().toString());
            }
        }
        return -1;
    }

    /** The server's order over {@code set}: repeatedly offer what is left and take its choice. */
    private List<Integer> rank(ProbeContext ctx, ProtocolVersion v, List<Integer> set, List<String> errors)
            throws InterruptedException {
        List<Integer> order = new ArrayList<>();
        List<Integer> left = new ArrayList<>(set);
        while (left.size() > 1) {
            int pick = choose(ctx, v, left, errors);
            if (pick < 0) {
                return order;
            }
            order.add(pick);
            left.remove(Integer.valueOf(pick));
        }
        order.addAll(left);
        return order;
    }
}
