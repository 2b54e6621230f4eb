package io.lifeboat.agent;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.HostPort;
import io.lifeboat.vault.store.JsonFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault nodes an agent may use ({@code A/nodes.json}): every {@code vault serve} in front of the
 * vault's store, as the vault lists them at enrolment and in {@code GET /v1/nodes}:
 * {@code {"nodes":[{"id":"...","address":"HOST:PORT","hosts":["..."],"seenAt":"..."}]}}. The agent keeps
 * the list with its identity and tries the nodes in turn when the one it uses is unreachable
 * ({@link NodeRoute}). An entry whose address is not HOST:PORT is skipped (logged), never fatal: the
 * address in {@code agent.json} always stays usable.
 *
 * @param nodes the nodes, in the vault's order
 */
public record VaultNodes(List<Node> nodes) {
    private static final Logger LOG = LoggerFactory.getLogger(VaultNodes.class);

    /** One node: its id, where agents reach it, the host names its certificate is for, when the store last saw it. */
    public record Node(String id, String address, List<String> hosts, String seenAt) {
    }

    public VaultNodes {
        nodes = List.copyOf(nodes);
    }

    public static final VaultNodes NONE = new VaultNodes(List.of());

    /** The nodes listed in a vault answer ({@code nodes}, as above); {@link #NONE} when it lists none. */
    public static VaultNodes fromAnswer(JsonObject answer) {
        JsonArray list = answer == null ? null : answer.getJsonArray("nodes");
        if (list == null) {
            return NONE;
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object o = list.getValue(i);
            if (!(o instanceof JsonObject n)) {
                LOG.warn("the vault's node list has an entry that is not an object (nodes[{}]); skipped", i);
                continue;
            }
            String address = n.getString("address");
            try {
                HostPort.parse(address);
            } catch (LifeboatException | ClassCastException e) {
                LOG.warn("the vault's node list names a bad address at nodes[{}] ({}); skipped", i, address);
                continue;
            }
            List<String> hosts = new ArrayList<>();
            JsonArray h = n.getJsonArray("hosts");
            if (h != null) {
                h.forEach(x -> hosts.add(String.valueOf(x)));
            }
            out.add(new Node(n.getString("id", ""), address, hosts, n.getString("seenAt", "")));
        }
        return new VaultNodes(out);
    }

    /** The addresses, each once, in order. */
    public List<HostPort> addresses() {
        Set<HostPort> out = new LinkedHashSet<>();
        nodes.forEach(n -> out.add(HostPort.parse(n.address())));
        return List.copyOf(out);
    }

    /** The list kept in the agent folder; {@link #NONE} when there is none (an agent of a single vault). */
    public static VaultNodes read(AgentLayout layout) {
        if (!Files.isRegularFile(layout.nodes())) {
            return NONE;
        }
        return JsonFiles.read(layout.nodes(), VaultNodes.class);
    }

    /** Keeps the list in the agent folder (atomically: temp, fsync, rename). */
    public void write(AgentLayout layout) throws IOException {
        JsonFiles.write(layout.nodes(), this, false);
    }

    /**
     * Keeps the list unless the agent folder already holds the same nodes: a running agent asks for
     * the list before every pass, and the vault's answer differs from the last one mostly in each
     * node's {@code seenAt}, which the agent does not use; rewriting it cost a sync a pass.
     * A kept list that is missing or unreadable is written again.
     *
     * @return true when the file was written
     */
    public boolean keep(AgentLayout layout) throws IOException {
        VaultNodes kept;
        try {
            kept = read(layout);
        } catch (RuntimeException damaged) {
            kept = NONE;
        }
        if (!kept.nodes().isEmpty() && routesAlike(kept)) {
            return false;
        }
        write(layout);
        return true;
    }

    /** The same nodes in the same order, each with the same id, address and host names ({@code seenAt} aside). */
    private boolean routesAlike(VaultNodes other) {
        if (other.nodes.size() != nodes.size()) {
            return false;
        }
        for (int i = 0; i < nodes.size(); i++) {
            Node a = nodes.get(i);
            Node b = other.nodes.get(i);
            if (!Objects.equals(a.id(), b.id()) || !Objects.equals(a.address(), b.address())
                    || !Objects.equals(a.hosts(), b.hosts())) {
                return false;
            }
        }
        return true;
    }
}
