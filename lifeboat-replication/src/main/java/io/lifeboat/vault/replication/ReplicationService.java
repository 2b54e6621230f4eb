package io.lifeboat.vault.replication;

import io.lifeboat.replication.protocol.BlockBatchCodec;
import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.IdListCodec;
import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockUpload;
import io.lifeboat.repository.IntegrityException;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.MissingBlocksException;
import io.lifeboat.repository.NotFoundException;
import io.lifeboat.repository.StorageFullException;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.PointMeta;
import io.lifeboat.repository.Repository;
import io.lifeboat.tls.LifeboatException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The vault's side of replication, free of HTTP: each method takes the authenticated machine and a
 * request body, calls the {@link Repository} (always scoped to that machine) and answers, or throws
 * a {@link ReplicationException} carrying the HTTP status. All methods block on storage.
 */
public final class ReplicationService {
    /** What one upload did: blocks newly stored for the machine, and blocks it already held. */
    public record UploadReceipt(int stored, int present) {
    }

    private final Repository repository;

    public ReplicationService(Repository repository) {
        this.repository = repository;
    }

    /** Answers the id list of the queried ids this machine lacks, in query order, each once. */
    public byte[] missing(String machine, byte[] body) {
        List<BlockId> ids = IdListCodec.decode(body);
        Set<BlockId> lacking = repository.missing(machine, new LinkedHashSet<>(ids));
        return IdListCodec.encode(new ArrayList<>(lacking));
    }

    /**
     * Decodes the whole batch, then hands it to the repository, which re-hashes every block and
     * stores nothing of the batch when one does not match its id.
     */
    public UploadReceipt upload(String machine, byte[] body) {
        List<EncodedBlock> blocks = BlockBatchCodec.decode(body);
        List<BlockUpload> uploads = new ArrayList<>(blocks.size());
        for (EncodedBlock b : blocks) {
            uploads.add(new BlockUpload(b.id(), b.data(), b.offset(), b.length(), b.encoding()));
        }
        int lacking = repository.missing(machine, uploads.stream().map(BlockUpload::id).toList()).size();
        try {
            repository.putBlocks(machine, uploads);
        } catch (IntegrityException e) {
            throw new ReplicationException(422, "integrity", "upload refused, nothing of it stored: " + e.getMessage());
        } catch (StorageFullException e) {
            throw new ReplicationException(507, "insufficient_storage", e.getMessage());
        }
        return new UploadReceipt(lacking, blocks.size() - lacking);
    }

    /**
     * Records a point once its manifest is well formed and every block it names is held by this
     * machine. The recorded {@code bytesSent} is what the agent declares for its earlier requests of
     * this point plus the size of this commit body.
     */
    public PointInfo commit(String machine, byte[] body, String tlsVersion, String cipherSuite) {
        PointCommit commit = PointCommit.decode(body);
        try {
            return repository.commitPoint(machine, commit.manifest(), new PointMeta(commit.bytesSent() + body.length,
                    tlsVersion, cipherSuite, commit.consistency()));
        } catch (MissingBlocksException e) {
            throw new ReplicationException(409, "missing_blocks", "point commit refused: " + e.getMessage());
        } catch (LifeboatException e) {
            if (e.kind() == LifeboatException.Kind.USAGE) {
                throw new ReplicationException(400, "bad_manifest", "point commit refused: " + e.getMessage());
            }
            throw e;
        }
    }

    public List<PointInfo> points(String machine) {
        return repository.points(Optional.of(machine));
    }

    public Manifest manifest(String machine, String pointId) {
        try {
            return repository.manifest(machine, pointId);
        } catch (NotFoundException e) {
            throw new ReplicationException(404, "not_found", e.getMessage());
        }
    }

    public byte[] block(String machine, String hex) {
        BlockId id;
        try {
            id = new BlockId(hex);
        } catch (IllegalArgumentException e) {
            throw new ReplicationException(400, "bad_request", "not a block id (64 lowercase hex digits): " + hex);
        }
        try {
            return repository.readBlock(machine, id);
        } catch (NotFoundException e) {
            throw new ReplicationException(404, "not_found", e.getMessage());
        } catch (IntegrityException e) {
            throw new ReplicationException(500, "damaged", e.getMessage());
        }
    }
}
