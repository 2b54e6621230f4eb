package io.lifeboat.repository.backend.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.PruneRequest;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryException;
import io.lifeboat.repository.RepositoryOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prune lease of a node that is killed with SIGKILL while it holds it expires by itself: prune on
 * another node is refused while the holder lives and renews the lease past its period, and runs
 * within a lease period after the kill. The holder's lease lasts 15 seconds (the shortest Azure
 * allows; 30 in service), so the test waits half as long with the same checks.
 */
class PruneLeaseKillTest {
    static final int LEASE_SECONDS = AzureWriterLease.MIN_SECONDS;

    @TempDir
    Path tmp;

    @Test
    void aPruneLeaseHolderKilledWithSigkillFreesTheLeaseWithinItsPeriod() throws Exception {
        try (Azurite azurite = Azurite.start(tmp)) {
            AzureBlobStore store = new AzureBlobStore(azurite.newContainer(), "site");
            try (Repository node = Repository.open(AzureBlobBackend.open(store, azurite.connectionString()),
                    RepositoryOptions.defaults().withTableDir(tmp.resolve("tables")))) {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        PruneLeaseHolder.class.getName(), azurite.connectionString(), store.container(), store.prefix(),
                        Integer.toString(LEASE_SECONDS))
                        .redirectErrorStream(true).start();
                try {
                    BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
                    String line;
                    while ((line = out.readLine()) != null && !line.equals("held")) {
                        // the JVM's own start-up lines, if any
                    }
                    assertThat(line).isEqualTo("held");
                    Thread.sleep((LEASE_SECONDS + 3) * 1000L); // past one lease period: the holder's renewals keep it
                    assertThatThrownBy(() -> node.prune(PruneRequest.byPolicy(false)))
                            .isInstanceOf(RepositoryException.class)
                            .hasMessageContaining("another vault node is pruning the repository at " + store);
                } finally {
                    holder.destroyForcibly(); // SIGKILL: no shutdown hook, no lease release
                    holder.waitFor();
                }
                long killed = System.nanoTime();
                boolean pruned = false;
                while (!pruned && System.nanoTime() - killed < Duration.ofSeconds(3L * LEASE_SECONDS).toNanos()) {
                    try {
                        node.prune(PruneRequest.byPolicy(false));
                        pruned = true;
                    } catch (RepositoryException e) {
                        Thread.sleep(500);
                    }
                }
                assertThat(pruned).as("prune ran once the dead holder's lease expired").isTrue();
            }
        }
    }
}
