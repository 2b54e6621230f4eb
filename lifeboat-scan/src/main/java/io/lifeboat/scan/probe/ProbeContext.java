package io.lifeboat.scan.probe;

import io.lifeboat.scan.ScanOptions;
import io.lifeboat.scan.net.Answer;
import io.lifeboat.scan.net.Connector;
import io.lifeboat.scan.net.Target;
import io.lifeboat.scan.net.Until;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** What a probe works with: the target's connector, the hello factory, the options and the facts. */
public final class ProbeContext {
    private final Connector connector;
    private final HelloFactory hellos;
    private final ScanOptions options;
    private final TargetFacts facts;
    private final ExecutorService executor;

    public ProbeContext(Connector connector, ScanOptions options, TargetFacts facts, ExecutorService executor) {
        this.connector = connector;
        this.hellos = new HelloFactory(connector.target().sni());
        this.options = options;
        this.facts = facts;
        this.executor = executor;
    }

    public Target target() {
        return connector.target();
    }

    public Connector connector() {
        return connector;
    }

    public HelloFactory hellos() {
        return hellos;
    }

    public ScanOptions options() {
        return options;
    }

    public TargetFacts facts() {
        return facts;
    }

    /** One job: one connection, one request, the answer. */
    public Answer exchange(byte[] request, Until until) throws InterruptedException {
        return connector.exchange(request, until);
    }

    /**
     * Runs independent tasks concurrently and returns their results in order. The connector's
     * permits bound how many connections they open at once.
     */
    public <T> List<T> parallel(List<Callable<T>> tasks) throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> t : tasks) {
            futures.add(executor.submit(t));
        }
        List<T> out = new ArrayList<>();
        try {
            for (Future<T> f : futures) {
                out.add(f.get());
            }
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable c = e.getCause();
            if (c instanceof InterruptedException ie) {
                throw ie;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        return out;
    }
}
