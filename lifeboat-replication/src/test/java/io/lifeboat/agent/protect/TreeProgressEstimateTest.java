package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.MemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tree's progress estimate: the last point's size when the agent recorded one (no walk of the
 * tree before the pass), else a walk that counts every regular file once.
 */
class TreeProgressEstimateTest {
    private static final String M = "web-1";
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(300));

    @TempDir
    Path tmp;

    final Repository store = Repository.open(new MemoryBackend(), RepositoryOptions.defaults());
    final InProcessTransport transport = new InProcessTransport(store, M);
    final List<Long> estimates = new ArrayList<>();
    final ProtectListener listener = new ProtectListener() {
        @Override
        public void started(Path source, long estimatedBytes) {
            estimates.add(estimatedBytes);
        }
    };

    @AfterEach
    void close() {
        store.close();
    }

    private ProtectResult protect(Path source, KnownBlocksStore records) {
        StopSignal stop = new StopSignal();
        HttpVaultApi api = new HttpVaultApi(transport, M, FAST, listener, stop);
        return new Protector(api, ProtectOptions.defaults().withRetry(FAST), listener, stop, records).protect(source);
    }

    private Path tree() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree/sub"));
        Files.write(tmp.resolve("tree/a"), new byte[1000]);
        Files.write(tmp.resolve("tree/sub/b"), new byte[5000]);
        Files.createSymbolicLink(tmp.resolve("tree/link"), Path.of("sub/b")); // a link counts nothing
        return tree.getParent();
    }

    @Test
    void aRecordedTreeIsEstimatedFromItsLastPoint() throws Exception {
        Path tree = tree();
        KnownBlocksStore records = KnownBlocksStore.in(tmp.resolve("records"), new FingerprintKey(7));
        protect(tree, records);
        Files.write(tree.resolve("sub/c"), new byte[700]); // not in the last point: not in the estimate

        ProtectResult second = protect(tree, records);

        assertThat(estimates).as("a walk, then the record").containsExactly(6000L, 6000L);
        assertThat(second.sourceBytes()).isEqualTo(6700);
    }

    @Test
    void withoutARecordEveryPassWalksTheTree() throws Exception {
        Path tree = tree();
        protect(tree, KnownBlocksStore.none());
        Files.write(tree.resolve("sub/c"), new byte[700]);

        protect(tree, KnownBlocksStore.none());

        assertThat(estimates).containsExactly(6000L, 6700L);
    }
}
