package io.lifeboat.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.vault.HostPort;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault's node list as the agent reads and keeps it, and the order in which it tries the nodes. */
class NodeListTest {
    @TempDir
    Path tmp;

    static final HostPort A = HostPort.parse("10.0.0.1:7443");
    static final HostPort B = HostPort.parse("10.0.0.2:7443");
    static final HostPort C = HostPort.parse("vault-3.example:7443");

    @Test
    void readsTheVaultsAnswerSkippingBadEntriesAndKeepsItInTheAgentFolder() throws Exception {
        VaultNodes nodes = VaultNodes.fromAnswer(new JsonObject("""
                {"nodes":[{"id":"n1","address":"10.0.0.1:7443","hosts":["vault.example","10.0.0.1"],"seenAt":"2026-12-06T05:00:00Z"},
                          {"id":"bad","address":"no-port"},
                          "not an object",
                          {"id":"n2","address":"10.0.0.2:7443"}]}"""));
        assertThat(nodes.addresses()).containsExactly(A, B);
        assertThat(nodes.nodes().get(0).hosts()).containsExactly("vault.example", "10.0.0.1");
        AgentLayout layout = new AgentLayout(tmp);
        assertThat(VaultNodes.read(layout)).isEqualTo(VaultNodes.NONE); // an agent of a single vault has none
        nodes.write(layout);
        assertThat(VaultNodes.read(layout)).isEqualTo(nodes);
        assertThat(VaultNodes.fromAnswer(new JsonObject("{\"cert\":\"...\"}"))).isEqualTo(VaultNodes.NONE);
    }

    @Test
    void aListThatDiffersOnlyInWhenTheNodesWereSeenIsNotWrittenAgain() throws Exception {
        AgentLayout layout = new AgentLayout(tmp);
        VaultNodes first = new VaultNodes(List.of(node(A), node(B)));
        assertThat(first.keep(layout)).as("nothing kept yet").isTrue();
        Object written = java.nio.file.Files.getAttribute(layout.nodes(), "unix:ino");

        VaultNodes later = new VaultNodes(List.of(seen(A, "2026-12-06T05:01:00Z"), seen(B, "2026-12-06T05:01:00Z")));
        assertThat(later.keep(layout)).as("the same nodes, seen later").isFalse();
        assertThat(java.nio.file.Files.getAttribute(layout.nodes(), "unix:ino")).isEqualTo(written);

        VaultNodes moved = new VaultNodes(List.of(node(A), node(C)));
        assertThat(moved.keep(layout)).as("another node").isTrue();
        assertThat(VaultNodes.read(layout)).isEqualTo(moved);
        VaultNodes renamed = new VaultNodes(List.of(node(A),
                new VaultNodes.Node("id-" + C.host(), C.toString(), List.of("another.example"), "2026-12-06T05:00:00Z")));
        assertThat(renamed.keep(layout)).as("a node's certificate names other hosts").isTrue();
        assertThat(VaultNodes.read(layout)).isEqualTo(renamed);

        java.nio.file.Files.writeString(layout.nodes(), "{\"nodes\": [");
        assertThat(renamed.keep(layout)).as("a damaged list is written again").isTrue();
        assertThat(VaultNodes.read(layout)).isEqualTo(renamed);
        java.nio.file.Files.delete(layout.nodes());
        assertThat(renamed.keep(layout)).as("a list taken away is written again").isTrue();
    }

    static VaultNodes.Node seen(HostPort h, String at) {
        return new VaultNodes.Node("id-" + h.host(), h.toString(), List.of(h.host()), at);
    }

    @Test
    void triesTheEnrolledNodeFirstThenTheOthersRoundTheList() {
        NodeRoute route = new NodeRoute(B, new VaultNodes(List.of(node(A), node(B), node(C))));
        assertThat(route.all()).containsExactly(B, A, C);
        assertThat(route.failed(B)).isEqualTo(A);
        assertThat(route.failed(B)).as("another request already moved on from B").isEqualTo(A);
        assertThat(route.failed(A)).isEqualTo(C);
        assertThat(route.failed(C)).isEqualTo(B);
    }

    @Test
    void aFreshListKeepsTheNodeInUse() {
        NodeRoute route = new NodeRoute(A, new VaultNodes(List.of(node(A), node(B))));
        route.failed(A);
        assertThat(route.current()).isEqualTo(B);
        route.update(A, new VaultNodes(List.of(node(A), node(B), node(C))));
        assertThat(route.current()).isEqualTo(B);
        assertThat(route.all()).containsExactly(B, C, A);
        route.update(A, new VaultNodes(List.of(node(A))));
        assertThat(route.current()).as("no longer listed but still answering").isEqualTo(B);
    }

    @Test
    void aSingleVaultIsTriedAgainAsBefore() {
        NodeRoute route = new NodeRoute(A, VaultNodes.NONE);
        assertThat(route.failed(A)).isEqualTo(A);
    }

    static VaultNodes.Node node(HostPort h) {
        return new VaultNodes.Node("id-" + h.host(), h.toString(), List.of(h.host()), "2026-12-06T05:00:00Z");
    }
}
