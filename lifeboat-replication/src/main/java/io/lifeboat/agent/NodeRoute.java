package io.lifeboat.agent;

import io.lifeboat.vault.HostPort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which vault node the agent talks to, and which it tries next: the address it enrolled with
 * ({@code agent.json}) first, then the other nodes of {@code nodes.json} in their order. When the node in
 * use is unreachable the agent moves to the next one (round the list), under the same retry rules as a
 * single vault: each failed request is retried after the policy's delay, on the next node. Thread-safe.
 */
public final class NodeRoute {
    private List<HostPort> nodes;
    private int current;

    public NodeRoute(HostPort enrolled, VaultNodes known) {
        this.nodes = merge(enrolled, known);
    }

    private static List<HostPort> merge(HostPort first, VaultNodes known) {
        Set<HostPort> all = new LinkedHashSet<>();
        all.add(first);
        all.addAll(known.addresses());
        return new ArrayList<>(all);
    }

    /** The node in use. */
    public synchronized HostPort current() {
        return nodes.get(current);
    }

    /**
     * {@code failed} did not answer: moves on to the next node, unless another thread already moved on
     * from it. Returns the node to use now.
     */
    public synchronized HostPort failed(HostPort failed) {
        if (nodes.get(current).equals(failed)) {
            current = (current + 1) % nodes.size();
        }
        return nodes.get(current);
    }

    /** A fresh list from the vault: the node in use stays in use; nodes no longer listed are dropped. */
    public synchronized void update(HostPort enrolled, VaultNodes known) {
        HostPort using = nodes.get(current);
        nodes = merge(enrolled, known);
        int i = nodes.indexOf(using);
        if (i < 0) {
            nodes.add(using); // still answering, if no longer listed: keep it until it fails
            i = nodes.size() - 1;
        }
        current = i;
    }

    /** Every node, the one in use first. */
    public synchronized List<HostPort> all() {
        List<HostPort> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            out.add(nodes.get((current + i) % nodes.size()));
        }
        return out;
    }
}
