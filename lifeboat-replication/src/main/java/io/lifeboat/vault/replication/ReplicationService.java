package io.lifeboat.vault.replication;

import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.BlockCodec;
import io.lifeboat.replication.protocol.BlockIntegrityException;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.IdListCodec;
import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;
import io.lifeboat.repository.Entry;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.PointInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The vault's side of replication, free of HTTP: each method takes the authenticated machine and a
 * request body, and either answers or throws a {@link ReplicationException} carrying the status.
 * The machine always comes from the caller's certificate, so a machine can only ever name its own
 * blocks and points. All methods block on storage.
 */
public final class ReplicationService {
    /** What one upload stored. */
    public record UploadReceipt(int stored, int present) {
    }

    private final ReplicationStore store;

    public ReplicationService(ReplicationStore store) {
        this.store = store;
    }

    /** Answers the id list of the queried ids this machine lacks, in query order. */
    public byte[] missing(String machine, byte[] body) {
        List<BlockId> ids = IdListCodec.decode(body);
        Set<BlockId> lacking = store.missing(machine, ids);
        List<BlockId> answer = new ArrayList<>(lacking.size());
        for (BlockId id : new LinkedHashSet<>(ids)) {
            if (lacking.contains(id)) {
                answer.add(id);
            }
        }
        return IdListCodec.encode(answer);
    }

    /**
     * Decodes the whole batch and checks every block against its id before it stores any, so a
     * truncated batch or one bad block stores nothing of that batch.
     */
    public UploadReceipt upload(String machine, byte[] body) {
        List<EncodedBlock> blocks = BlockBatchCodec.decode(body);
        for (EncodedBlock b : blocks) {
            try {
                BlockCodec.open(b);
            } catch (BlockIntegrityException e) {
                throw new ReplicationException(422, "upload refused, nothing of it stored: " + e.getMessage());
            }
        }
        Set<BlockId> lacking = store.missing(machine, blocks.stream().map(EncodedBlock::id).toList());
        int stored = 0;
        for (EncodedBlock b : blocks) {
            if (lacking.remove(b.id())) {
                store.putBlock(machine, b.id(), b.body(), b.encoding());
                stored++;
            }
        }
        return new UploadReceipt(stored, blocks.size() - stored);
    }

    /**
     * Records a point once its manifest is well formed and every block it names is held by this
     * machine. {@code bytesSent} recorded = what the agent declares for its earlier requests plus
     * the size of this commit body.
     */
    public PointInfo commit(String machine, byte[] body, String tlsVersion, String cipherSuite) {
        PointCommit commit = PointCommit.decode(body);
        Manifest manifest = commit.manifest();
        ManifestCheck.check(manifest);
        Set<BlockId> named = new LinkedHashSet<>();
        for (Entry e : manifest.entries()) {
            for (BlockRef b : e.blocks()) {
                if (!b.isZero()) {
                    named.add(b.id());
                }
            }
        }
        Set<BlockId> lacking = store.missing(machine, named);
        if (!lacking.isEmpty()) {
            BlockId first = named.stream().filter(lacking::contains).findFirst().orElseThrow();
            throw new ReplicationException(409, "point commit refused: the manifest names " + lacking.size()
                    + " block(s) this vault does not hold for machine " + machine + ", first " + first
                    + "; upload them, then commit again");
        }
        return store.commit(machine, manifest, new ReplicationStore.CommitMeta(commit.bytesSent() + body.length,
                tlsVersion, cipherSuite, commit.consistency()));
    }

    public List<PointInfo> points(String machine) {
        return store.points(machine);
    }

    public Manifest manifest(String machine, String pointId) {
        return store.manifest(machine, pointId).orElseThrow(
                () -> ReplicationException.notFound("no point " + pointId + " for machine " + machine));
    }

    public byte[] block(String machine, String hex) {
        BlockId id;
        try {
            id = new BlockId(hex);
        } catch (IllegalArgumentException e) {
            throw new ReplicationException(400, "not a block id: " + hex);
        }
        return store.readBlock(machine, id).orElseThrow(
                () -> ReplicationException.notFound("machine " + machine + " holds no block " + hex));
    }
}
