package io.lifeboat.repository.backend.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.repository.PruneRequest;
import io.lifeboat.repository.backend.ReadOnlyBackend;
import io.lifeboat.repository.backend.WriterLease;
import io.lifeboat.tls.LifeboatException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.lifeboat.repository.Fixtures;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.restore.Failover;
import io.lifeboat.restore.FailoverOptions;
import io.lifeboat.restore.RestoreListener;
import io.lifeboat.restore.RestoreResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A repository on Azurite: several writers, the prune lease, and bad stores refused with one clear line, writing nothing. */
class AzureRepositoryTest {
    @RegisterExtension
    static final AzuriteExtension AZURITE = new AzuriteExtension();

    static final int BLOCK = 32 << 10;

    private static BlobContainerClient container(String name) {
        return new BlobServiceClientBuilder().connectionString(AZURITE.get().connectionString())
                .httpClient(new JdkAzureHttpClient(Duration.ofSeconds(5), Duration.ofSeconds(30)))
                .buildClient().getBlobContainerClient(name);
    }

    private static List<String> blobs(String container) {
        return container(container).listBlobs().stream().map(BlobItem::getName).sorted().toList();
    }

    @Test
    void twoWritersOpenAtOnceAndOnlyOnePrunesAtATime() throws Exception {
        AzureBlobStore store = new AzureBlobStore(AZURITE.get().newContainer(), "repo");
        try (Repository first = Repository.open(AzureBlobBackend.open(store, AZURITE.get().connectionString()), RepositoryOptions.defaults());
                Repository second = Repository.open(AzureBlobBackend.open(store, AZURITE.get().connectionString()), RepositoryOptions.defaults())) {
            // a store with a lease is shared: each node leaves its presence record, nobody holds write.lock
            assertThat(blobs(store.container())).filteredOn(n -> n.startsWith("repo/locks/")).hasSize(2);
            WriterLease pruning = AzureBlobBackend.open(store, AZURITE.get().connectionString()).writerLease().orElseThrow();
            assertThat(pruning.tryAcquire()).isTrue();
            try {
                assertThat(container(store.container()).getBlobClient("repo/write.lock").getProperties().getLeaseState())
                        .hasToString("leased");
                assertThatThrownBy(() -> second.prune(PruneRequest.byPolicy(false)))
                        .hasMessageContaining("another vault node is pruning the repository at " + store);
            } finally {
                pruning.release();
            }
            first.prune(PruneRequest.byPolicy(false));
            try (Repository reader = Repository.open(new ReadOnlyBackend(AzureBlobBackend.open(store, AZURITE.get().connectionString())),
                    RepositoryOptions.readOnlyDefaults())) {
                assertThat(reader.points(java.util.Optional.empty())).isEmpty(); // readers need no lease
            }
        }
        assertThat(blobs(store.container())).contains("repo/config", "repo/write.lock").noneMatch(n -> n.startsWith("repo/locks/"));
    }

    @Test
    void thePruneLeaseOfAHolderThatDiedExpiresByItself() throws Exception {
        AzureBlobStore store = new AzureBlobStore(AZURITE.get().newContainer(), "repo");
        // the shortest lease Azure allows (30 s in service): the same expiry, waited out in half the time
        AzureBlobBackend backend = AzureBlobBackend.open(store, AZURITE.get().connectionString())
                .withLeaseSeconds(AzureWriterLease.MIN_SECONDS);
        WriterLease dead = backend.writerLease().orElseThrow();
        assertThat(dead.tryAcquire()).isTrue();
        dead.abandon(); // stops renewing, as a killed process does
        WriterLease next = backend.writerLease().orElseThrow();
        assertThat(next.tryAcquire()).isFalse();
        long deadline = System.nanoTime() + Duration.ofSeconds(3L * AzureWriterLease.MIN_SECONDS).toNanos();
        boolean taken = false;
        while (!taken && System.nanoTime() < deadline) {
            Thread.sleep(500);
            taken = next.tryAcquire();
        }
        assertThat(taken).as("the lease expired and another holder took it").isTrue();
        next.release();
    }

    @Test
    void aStoreWrittenByANewerFormatIsRefusedAndLeftAsItWas() throws Exception {
        AzureBlobStore store = new AzureBlobStore(AZURITE.get().newContainer(), "");
        try (var backend = AzureBlobBackend.open(store, AZURITE.get().connectionString())) {
            backend.create(Handle.CONFIG, "{\"version\":9,\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        }
        List<String> before = blobs(store.container());
        assertThatThrownBy(() -> Repository.open(AzureBlobBackend.open(store, AZURITE.get().connectionString()), RepositoryOptions.defaults()))
                .isInstanceOf(LifeboatException.class)
                .hasMessageContaining("the repository at " + store + " has format version 9")
                .hasMessageContaining("written by a newer Lifeboat; open it with that version");
        assertThat(blobs(store.container())).isEqualTo(before).containsExactly("config");
    }

    @Test
    void aWrongKeyIsRefusedNamingTheStore() {
        String name = AZURITE.get().newContainer();
        AzureBlobStore store = new AzureBlobStore(name, "repo");
        assertThatThrownBy(() -> AzureBlobBackend.open(store, AZURITE.get().wrongKeyConnectionString()))
                .isInstanceOfSatisfying(AzureStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(LifeboatException.Kind.IDENTITY_REJECTED))
                .hasMessageStartingWith(store + " on account devstoreaccount1: the account refused the credentials");
        assertThat(blobs(name)).isEmpty();
    }

    @Test
    void aMalformedConnectionStringIsAUsageError() {
        AzureBlobStore store = new AzureBlobStore("somewhere", "");
        assertThatThrownBy(() -> AzureBlobBackend.open(store, "not a connection string"))
                .isInstanceOfSatisfying(AzureStoreException.class, e -> assertThat(e.kind()).isEqualTo(LifeboatException.Kind.USAGE))
                .hasMessageStartingWith("azure-blob://somewhere: the Azure Storage connection string is not usable")
                .hasMessageContaining("AZURE_STORAGE_CONNECTION_STRING or --credentials-file");
    }

    @Test
    void aMissingContainerIsNamedAndNotCreated() {
        AzureBlobStore store = new AzureBlobStore("no-such-container", "vault");
        assertThatThrownBy(() -> AzureBlobBackend.open(store, AZURITE.get().connectionString()))
                .isInstanceOfSatisfying(AzureStoreException.class, e -> assertThat(e.kind()).isEqualTo(LifeboatException.Kind.USAGE))
                .hasMessage("azure-blob://no-such-container/vault: account devstoreaccount1 has no container \"no-such-container\";"
                        + " create it first (az storage container create --name no-such-container) or name an existing one;"
                        + " Lifeboat does not create containers");
        assertThat(container("no-such-container").exists()).isFalse();
    }

    @Test
    void storeUrlsParseAndBadOnesSayWhy() {
        assertThat(AzureBlobStore.parse("azure-blob://vaults/site-a/repo/")).isEqualTo(new AzureBlobStore("vaults", "site-a/repo"));
        assertThat(AzureBlobStore.parse("azure-blob://vaults")).hasToString("azure-blob://vaults");
        assertThatThrownBy(() -> AzureBlobStore.parse("azure-blob://Vaults")).hasMessageContaining("bad container name \"Vaults\"");
        assertThatThrownBy(() -> AzureBlobStore.parse("azure-blob://vaults/../x")).hasMessageContaining("bad prefix");
        assertThatThrownBy(() -> AzureBlobStore.parse("s3://vaults")).hasMessageContaining("expected azure-blob://CONTAINER[/PREFIX]");
    }

    @Test
    /**
     * A failover from Azure Blob reads the packs in ranges of many blocks (issue 19 left one ranged
     * GET per 32 KiB block): the GETs of pack data are counted at the HTTP pipeline, retries included.
     */
    void aFailoverReadsFarFewerRequestsThanBlocksAndRestoresByteForByte(@TempDir Path tmp) throws Exception {
        AzureBlobStore store = new AzureBlobStore(AZURITE.get().newContainer(), "repo");
        byte[] image = Fixtures.image(19, 400, BLOCK); // 12.5 MiB, every third block zeros
        Fixtures.Cut cut = Fixtures.cutImage(image, BLOCK, SourceKind.IMAGE);
        try (Repository repo = Repository.open(AzureBlobBackend.open(store, AZURITE.get().connectionString()),
                RepositoryOptions.defaults())) {
            Fixtures.protect(repo, "db-1", cut);
        }
        long blocks = cut.manifest().entries().get(0).blocks().stream().filter(r -> !r.isZero()).count();

        AtomicInteger dataGets = new AtomicInteger();
        HttpPipelinePolicy counter = (context, next) -> {
            if (context.getHttpRequest().getHttpMethod() == HttpMethod.GET
                    && context.getHttpRequest().getUrl().toString().contains("/repo%2Fdata%2F")) { // the blob name, encoded
                dataGets.incrementAndGet();
            }
            return next.process();
        };
        Path target = tmp.resolve("restored.img");
        RestoreResult r;
        try (Repository repo = Repository.open(new ReadOnlyBackend(AzureBlobBackend.open(store,
                AZURITE.get().connectionString(), Optional.of(counter))), RepositoryOptions.readOnlyDefaults())) {
            r = new Failover(repo, RestoreListener.NONE).run("db-1", "latest", target, FailoverOptions.DEFAULT);
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(image);
        assertThat(r.blocksVerified()).isEqualTo(blocks);
        // 266 blocks, 8.3 MiB in one pack: ranges of up to 2 MiB, cut again where a group of 256 blocks
        // ends (5 GETs); one GET per block before
        assertThat(blocks).isEqualTo(266);
        assertThat(dataGets.get()).as("ranged GETs of pack data for %d blocks", blocks).isBetween(1, 8);
    }
}
