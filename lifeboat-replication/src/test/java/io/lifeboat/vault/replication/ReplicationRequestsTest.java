package io.lifeboat.vault.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.BlockSealer;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.IdListCodec;
import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.replication.protocol.ReplicationJson;
import io.lifeboat.repository.BlockEncoding;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.EntryType;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.SourceKind;
import java.nio.charset.StandardCharsets;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RepositoryOptions;
import io.lifeboat.repository.backend.MemoryBackend;
import io.lifeboat.vault.api.Caller;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplicationRequestsTest {
    static final Caller A = new Caller("a", "TLSv1.3", "TLS_AES_128_GCM_SHA256", "127.0.0.1:1", "aa");
    static final Caller B = new Caller("b", "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "127.0.0.1:2", "bb");

    final Repository store = Repository.open(new MemoryBackend(), RepositoryOptions.defaults());
    final ReplicationRequests vault = new ReplicationRequests(new ReplicationService(store));

    @AfterEach
    void close() {
        store.close();
    }

    List<PointInfo> points(String machine) {
        return store.points(Optional.of(machine));
    }

    /** How many of these blocks the machine holds. */
    int held(String machine, EncodedBlock... blocks) {
        List<BlockId> ids = Arrays.stream(blocks).map(EncodedBlock::id).toList();
        return ids.size() - store.missing(machine, ids).size();
    }

    static byte[] data(int seed) {
        byte[] d = new byte[4096];
        new Random(seed).nextBytes(d);
        return d;
    }

    static EncodedBlock block(int seed) {
        byte[] d = data(seed);
        return BlockSealer.seal(BlockId.of(d), d, d.length, 1);
    }

    static Manifest fileManifest(List<BlockRef> refs) {
        long size = refs.stream().mapToLong(BlockRef::length).sum();
        return new Manifest(1, "/disk.img", SourceKind.IMAGE, 4096,
                List.of(new Entry("", EntryType.FILE, 0644, 0, size, null, refs)));
    }

    ReplicationRequests.Response post(Caller c, String path, byte[] body) {
        return vault.handle("POST", path, c, body);
    }

    String error(ReplicationRequests.Response r) throws Exception {
        return ReplicationJson.MAPPER.readTree(r.body()).get("message").asText();
    }

    void upload(Caller c, EncodedBlock... blocks) {
        assertThat(post(c, "/v1/machines/" + c.machine() + "/blocks", BlockBatchCodec.encode(List.of(blocks))).status())
                .isEqualTo(200);
    }

    @Test
    void uploadThenCommitRecordsTheSessionAndBytes() throws Exception {
        EncodedBlock b1 = block(1);
        upload(A, b1);
        byte[] commit = new PointCommit(500, PointCommit.CRASH_CONSISTENT,
                fileManifest(List.of(new BlockRef(b1.id(), 4096), BlockRef.zero(10)))).encode();
        ReplicationRequests.Response r = post(A, "/v1/machines/a/points", commit);
        assertThat(r.status()).isEqualTo(200);
        PointInfo p = ReplicationJson.point(r.body());
        assertThat(p.bytesSent()).isEqualTo(500 + commit.length);
        assertThat(p.tlsVersion()).isEqualTo("TLSv1.3");
        assertThat(p.cipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(p.sourceBytes()).isEqualTo(4106);
        ReplicationRequests.Response list = vault.handle("GET", "/v1/machines/a/points", A, new byte[0]);
        assertThat(new String(list.body(), StandardCharsets.UTF_8)).contains(p.id());
    }

    @Test
    void missingAnswersOnlyAboutTheCallersOwnBlocks() {
        EncodedBlock b1 = block(1);
        upload(A, b1);
        byte[] query = IdListCodec.encode(List.of(b1.id(), block(2).id()));
        assertThat(IdListCodec.decode(post(A, "/v1/machines/a/blocks/missing", query).body()))
                .containsExactly(block(2).id());
        // machine b learns nothing about a's block: it is "missing" for b
        assertThat(IdListCodec.decode(post(B, "/v1/machines/b/blocks/missing", query).body()))
                .containsExactly(b1.id(), block(2).id());
    }

    @Test
    void machineACannotActForMachineB() throws Exception {
        EncodedBlock b = block(3);
        upload(B, b);
        byte[] commit = new PointCommit(0, "crash-consistent", fileManifest(List.of(new BlockRef(b.id(), 4096)))).encode();
        assertThat(post(B, "/v1/machines/b/points", commit).status()).isEqualTo(200);
        String pointOfB = points("b").get(0).id();

        for (ReplicationRequests.Response r : List.of(
                vault.handle("GET", "/v1/machines/b/points", A, new byte[0]),
                vault.handle("GET", "/v1/machines/b/points/" + pointOfB, A, new byte[0]),
                vault.handle("GET", "/v1/machines/b/blocks/" + b.id(), A, new byte[0]),
                post(A, "/v1/machines/b/blocks/missing", IdListCodec.encode(List.of(b.id()))),
                post(A, "/v1/machines/b/blocks", BlockBatchCodec.encode(List.of(block(4)))),
                post(A, "/v1/machines/b/points", commit))) {
            assertThat(r.status()).isEqualTo(403);
            assertThat(error(r)).isEqualTo("machine a may not act for machine b");
        }
        // through its own paths, a can neither read b's block nor commit a manifest naming it
        assertThat(vault.handle("GET", "/v1/machines/a/blocks/" + b.id(), A, new byte[0]).status()).isEqualTo(404);
        assertThat(vault.handle("GET", "/v1/machines/a/points/" + pointOfB, A, new byte[0]).status()).isEqualTo(404);
        assertThat(post(A, "/v1/machines/a/points", commit).status()).isEqualTo(409);
        assertThat(held("a", b)).isZero();
        assertThat(points("b")).hasSize(1);
        assertThat(store.readBlock("b", b.id())).isEqualTo(data(3));
    }

    @Test
    void aTruncatedUploadStoresNothing() throws Exception {
        byte[] wire = BlockBatchCodec.encode(List.of(block(1), block(2)));
        ReplicationRequests.Response r = post(A, "/v1/machines/a/blocks", Arrays.copyOf(wire, wire.length - 100));
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r)).contains("block 2 of 2").contains("truncated upload");
        assertThat(held("a", block(1), block(2))).isZero();
    }

    @Test
    void aBlockWhoseHashDoesNotMatchIsRefusedAndNothingOfTheBatchStored() throws Exception {
        EncodedBlock good = block(1);
        EncodedBlock forged = new EncodedBlock(block(5).id(), BlockEncoding.RAW, 4096, data(6));
        ReplicationRequests.Response r = post(A, "/v1/machines/a/blocks", BlockBatchCodec.encode(List.of(good, forged)));
        assertThat(r.status()).isEqualTo(422);
        assertThat(error(r)).contains("SHA-256").contains(block(5).id().hex()).contains("nothing of it stored");
        assertThat(held("a", good, forged)).isZero();
    }

    @Test
    void aManifestNamingMissingBlocksIsRefusedAndEarlierPointsStay() throws Exception {
        EncodedBlock b1 = block(1);
        upload(A, b1);
        Manifest ok = fileManifest(List.of(new BlockRef(b1.id(), 4096)));
        assertThat(post(A, "/v1/machines/a/points", new PointCommit(0, "crash-consistent", ok).encode()).status())
                .isEqualTo(200);
        Manifest bad = fileManifest(List.of(new BlockRef(b1.id(), 4096), new BlockRef(block(9).id(), 4096)));
        ReplicationRequests.Response r = post(A, "/v1/machines/a/points", new PointCommit(0, "crash-consistent", bad).encode());
        assertThat(r.status()).isEqualTo(409);
        assertThat(error(r)).contains("block " + block(9).id().hex()).contains("is not stored");
        assertThat(points("a")).hasSize(1);
        assertThat(store.readBlock("a", b1.id())).isEqualTo(data(1));
    }

    @Test
    void manifestsThatEscapeTheTargetOrLieAboutSizesAreRefused() throws Exception {
        Entry root = new Entry("", EntryType.DIRECTORY, 0755, 0, 0, null, List.of());
        for (String path : List.of("../etc/passwd", "/abs", "a//b", "a/./b")) {
            Manifest m = new Manifest(1, "/t", SourceKind.DIRECTORY, 4096,
                    List.of(root, new Entry(path, EntryType.FILE, 0644, 0, 0, null, List.of())));
            ReplicationRequests.Response r = post(A, "/v1/machines/a/points", new PointCommit(0, "c", m).encode());
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(error(r)).contains(path);
        }
        Manifest lies = fileManifest(List.of(BlockRef.zero(100)));
        Manifest liar = new Manifest(1, "/d", SourceKind.IMAGE, 4096,
                List.of(new Entry("", EntryType.FILE, 0644, 0, 5, null, lies.entries().get(0).blocks())));
        ReplicationRequests.Response r = post(A, "/v1/machines/a/points", new PointCommit(0, "c", liar).encode());
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r)).contains("point commit refused");
        assertThat(points("a")).isEmpty();
    }

    @Test
    void unknownRequestsAndBadIdsAreClear() throws Exception {
        assertThat(vault.handle("DELETE", "/v1/machines/a/points", A, new byte[0]).status()).isEqualTo(404);
        assertThat(vault.handle("GET", "/v1/machines/a/blocks/xyz", A, new byte[0]).status()).isEqualTo(400);
        assertThat(vault.handle("GET", "/v1/other", A, new byte[0]).status()).isEqualTo(404);
        ReplicationRequests.Response r = post(A, "/v1/machines/a/points", "not zstd".getBytes());
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r)).startsWith("point commit:");
    }

    /** The manifest's chunks as the agent sends them, each answered with its name. */
    List<String> sendChunks(Caller c, Manifest m) {
        List<String> names = new java.util.ArrayList<>();
        io.lifeboat.repository.ManifestChunker.write(m, stored -> {
            ReplicationRequests.Response r = post(c, "/v1/machines/" + c.machine() + "/manifest-chunks", stored);
            assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            names.add(ReplicationJson.chunkName(r.body()));
        });
        return names;
    }

    @Test
    void aManifestSentInChunksCommitsWithASmallBodyNamingThem() throws Exception {
        EncodedBlock b1 = block(1);
        upload(A, b1);
        Manifest m = fileManifest(List.of(new BlockRef(b1.id(), 4096), BlockRef.zero(4096), BlockRef.zero(10)));
        List<String> chunks = sendChunks(A, m);
        assertThat(points("a")).as("nothing visible before the commit").isEmpty();
        byte[] commit = new io.lifeboat.replication.protocol.ChunkedCommit(700, "crash-consistent",
                io.lifeboat.repository.ManifestHeader.of(m), chunks).encode();
        ReplicationRequests.Response r = post(A, "/v1/machines/a/points", commit);
        assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        PointInfo p = ReplicationJson.point(r.body());
        assertThat(p.bytesSent()).isEqualTo(700 + commit.length);
        assertThat(p.sourceBytes()).isEqualTo(8202);
        assertThat(store.manifest("a", p.id())).isEqualTo(m);
        // machine b cannot name a's chunks, even knowing their names
        ReplicationRequests.Response stolen = post(B, "/v1/machines/b/points", commit);
        assertThat(stolen.status()).isEqualTo(409);
        assertThat(ReplicationJson.MAPPER.readTree(stolen.body()).get("error").asText()).isEqualTo("missing_chunks");
        assertThat(points("b")).isEmpty();
    }

    @Test
    void aChunkIsCheckedAsItArrives() throws Exception {
        EncodedBlock b1 = block(1);
        Manifest m = fileManifest(List.of(new BlockRef(b1.id(), 4096)));
        byte[][] chunk = new byte[1][];
        io.lifeboat.repository.ManifestChunker.write(m, stored -> chunk[0] = stored);
        ReplicationRequests.Response missing = post(A, "/v1/machines/a/manifest-chunks", chunk[0]);
        assertThat(missing.status()).isEqualTo(409);
        assertThat(error(missing)).startsWith("manifest chunk refused: cannot commit the point of machine a: block " + b1.id());
        ReplicationRequests.Response torn = post(A, "/v1/machines/a/manifest-chunks",
                Arrays.copyOf(chunk[0], chunk[0].length - 2));
        assertThat(torn.status()).isEqualTo(400);
        assertThat(error(torn)).startsWith("manifest chunk refused: manifest chunk of machine a: ");
        Manifest escaping = new Manifest(1, "/t", SourceKind.DIRECTORY, 4096,
                List.of(new Entry("../etc", EntryType.DIRECTORY, 0755, 0, 0, null, List.of())));
        io.lifeboat.repository.ManifestChunker.write(escaping, stored -> chunk[0] = stored);
        ReplicationRequests.Response bad = post(A, "/v1/machines/a/manifest-chunks", chunk[0]);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(ReplicationJson.MAPPER.readTree(bad.body()).get("error").asText()).isEqualTo("bad_manifest");
        ReplicationRequests.Response unknown = post(A, "/v1/machines/a/points",
                "{\"bytesSent\":0,\"consistency\":\"c\",\"manifest\":{\"source\":\"/t\",\"kind\":\"IMAGE\",\"blockSize\":4096,\"chunks\":[\"x\"],\"entries\":[]}}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(error(unknown)).isEqualTo("point commit manifest: unknown field \"entries\"");
    }

    @Test
    void aManifestTooLargeToSendWholeIsRefusedNotBuilt() throws Exception {
        long refs = io.lifeboat.replication.protocol.Limits.MAX_MANIFEST_JSON_BLOCKS + 1;
        List<String> names = new java.util.ArrayList<>();
        io.lifeboat.repository.ManifestChunker w = new io.lifeboat.repository.ManifestChunker(stored ->
                names.add(ReplicationJson.chunkName(post(A, "/v1/machines/a/manifest-chunks", stored).body())));
        w.entry(new Entry("", EntryType.FILE, 0600, 0, refs * 4096, null, List.of()));
        w.zeros(refs, 4096); // a sparse 16 GiB: one record
        w.finish();
        byte[] commit = new io.lifeboat.replication.protocol.ChunkedCommit(0, "crash-consistent",
                new io.lifeboat.repository.ManifestHeader("/sparse.img", SourceKind.IMAGE, 4096), names).encode();
        PointInfo p = ReplicationJson.point(post(A, "/v1/machines/a/points", commit).body());
        ReplicationRequests.Response r = vault.handle("GET", "/v1/machines/a/points/" + p.id(), A, new byte[0]);
        assertThat(r.status()).isEqualTo(413);
        assertThat(error(r)).contains("names " + refs + " blocks").contains("lifeboat failover");
    }
}
