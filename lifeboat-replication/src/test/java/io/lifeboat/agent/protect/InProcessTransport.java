package io.lifeboat.agent.protect;

import io.lifeboat.repository.Repository;
import io.lifeboat.vault.api.Caller;
import io.lifeboat.vault.replication.ReplicationRequests;
import io.lifeboat.vault.replication.ReplicationService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Routes agent requests straight into the vault's request handler, as machine {@code machine} on a
 * TLS 1.3 session; a fault rule may make chosen requests fail as a cut link would.
 */
final class InProcessTransport implements VaultTransport {
    private final ReplicationRequests vault;
    private final Caller caller;
    private final List<Request> log = new ArrayList<>();
    private volatile Predicate<Request> cut = r -> false;

    InProcessTransport(Repository repository, String machine) {
        this.vault = new ReplicationRequests(new ReplicationService(repository));
        this.caller = new Caller(machine, "TLSv1.3", "TLS_AES_256_GCM_SHA384", "127.0.0.1:40000", "00");
    }

    /** Requests matching {@code rule} fail with an IOException before reaching the vault. */
    void cutWhen(Predicate<Request> rule) {
        this.cut = rule;
    }

    /** The requests that reached the vault. */
    synchronized List<Request> log() {
        return List.copyOf(log);
    }

    @Override
    public Reply send(Request request) throws IOException {
        if (cut.test(request)) {
            throw new IOException("connection reset (injected)");
        }
        synchronized (this) {
            log.add(request);
        }
        ReplicationRequests.Response r = vault.handle(request.method(), request.path(), caller, request.body());
        return new Reply(r.status(), r.contentType(), r.body(), caller.protocol(), caller.cipherSuite());
    }
}
