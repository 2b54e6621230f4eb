package io.lifeboat.vault.replication;

import io.lifeboat.replication.protocol.BlockBatchParser;
import io.lifeboat.replication.protocol.ChunkedCommit;
import io.lifeboat.replication.protocol.IdListCodec;
import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.replication.protocol.PointDelta;
import io.lifeboat.replication.protocol.ReplicationJson;
import io.lifeboat.repository.DeltaCommit;
import io.lifeboat.repository.DeltaRefusedException;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockReceiver;
import io.lifeboat.repository.IntegrityException;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.MissingBlocksException;
import io.lifeboat.repository.NotFoundException;
import io.lifeboat.repository.StorageFullException;
import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.PointMeta;
import io.lifeboat.repository.Repository;
import io.lifeboat.repository.RetentionTiming;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.api.MemoryBudget;
import java.nio.ByteBuffer;
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
    private final RetentionTiming retention;
    private final CommitAdmission admission;

    /** A service whose commits run retention before they answer (the in-process transport, tests). */
    public ReplicationService(Repository repository) {
        this(repository, RetentionTiming.BEFORE_RETURN);
    }

    /**
     * @param retention when a commit's retention runs: the vault's routes pass {@link RetentionTiming#QUEUED},
     *                  so a commit is answered once its point is durable and retention runs after
     */
    public ReplicationService(Repository repository, RetentionTiming retention) {
        this(repository, retention, CommitAdmission.ofHeap());
    }

    ReplicationService(Repository repository, RetentionTiming retention, CommitAdmission admission) {
        this.repository = repository;
        this.retention = retention;
        this.admission = admission;
    }

    /** Answers the id list of the queried ids this machine lacks, in query order, each once. */
    public byte[] missing(String machine, byte[] body) {
        List<BlockId> ids = IdListCodec.decode(body);
        Set<BlockId> lacking = repository.missing(machine, new LinkedHashSet<>(ids));
        return IdListCodec.encode(new ArrayList<>(lacking));
    }

    /**
     * Stores an upload held whole in memory (the in-process transport): the same parser and receiver
     * as a streamed upload ({@link StreamedUpload}), fed the one buffer.
     */
    public UploadReceipt upload(String machine, byte[] body) {
        try (BlockReceiver receiver = repository.receiver(machine, body.length)) {
            BlockBatchParser parser = new BlockBatchParser(sink(receiver));
            parser.feed(ByteBuffer.wrap(body));
            parser.end();
            BlockReceiver.Receipt r = receiver.finish();
            return new UploadReceipt(r.stored(), r.present());
        } catch (RuntimeException e) {
            throw uploadRefusal(e);
        }
    }

    /** The parser's sink that lays each block's body out where the receiver says. */
    static BlockBatchParser.Sink sink(BlockReceiver receiver) {
        return new BlockBatchParser.Sink() {
            @Override
            public BlockBatchParser.Target block(int index, BlockBatchParser.BlockHeader h) {
                BlockReceiver.Slot slot = receiver.accept(h.id(), h.encoding(), h.rawLength(), h.bodyLength());
                return slot == null ? null : new BlockBatchParser.Target(slot.buffer(), slot.offset());
            }

            @Override
            public void received(int index, BlockBatchParser.BlockHeader h, BlockBatchParser.Target t) {
                // checked a pack at a time by the receiver
            }
        };
    }

    /**
     * What a failed upload answers: a refused block (422: its bytes do not hash to its id, or do not
     * inflate) or a full disk (507); anything else as it is (a malformed batch is a 400 already).
     */
    static RuntimeException uploadRefusal(RuntimeException e) {
        if (e instanceof IntegrityException) {
            return new ReplicationException(422, "integrity", "upload refused, nothing of it stored: " + e.getMessage());
        }
        if (e instanceof StorageFullException) {
            return new ReplicationException(507, "insufficient_storage", e.getMessage());
        }
        return e;
    }

    /**
     * Checks and stores one manifest chunk: well formed, every path acceptable, every non-zero block
     * stored for this machine. Answers the chunk's name, which the commit then lists.
     */
    public String chunk(String machine, byte[] body) {
        try {
            return repository.putManifestChunk(machine, body);
        } catch (IntegrityException e) {
            throw new ReplicationException(400, "bad_request", "manifest chunk refused: " + e.getMessage());
        } catch (MissingBlocksException e) {
            throw new ReplicationException(409, "missing_blocks", "manifest chunk refused: " + e.getMessage());
        } catch (LifeboatException e) {
            if (e.kind() == LifeboatException.Kind.USAGE) {
                throw new ReplicationException(400, "bad_manifest", "manifest chunk refused: " + e.getMessage());
            }
            throw e;
        }
    }

    /**
     * Records a point once its manifest is well formed and every block it names is held by this
     * machine: a commit naming chunks sent before it, or (from older agents) one carrying the whole
     * manifest. The recorded {@code bytesSent} is what the agent declares for its earlier requests of
     * this point plus the size of this commit body.
     */
    public PointInfo commit(String machine, byte[] body, String tlsVersion, String cipherSuite) {
        // measured, then parsed within the budget, then decoded before the repository is called: a
        // malformed body is a WireFormatException (400 bad_request), not a bad manifest, and one past
        // the token bound a BodyTooLargeException (413)
        boolean json = ChunkedCommit.isChunked(body);
        MemoryBudget.Grant grant = admission.enter(machine, json ? ReplicationJson.commitCost(body, "point commit")
                : PointCommit.cost(body));
        try {
            if (!json) {
                PointCommit whole = PointCommit.decode(body);
                return judged(() -> repository.commitPoint(machine, whole.manifest(), new PointMeta(
                        whole.bytesSent() + body.length, tlsVersion, cipherSuite, whole.consistency()), retention));
            }
            com.fasterxml.jackson.databind.JsonNode tree = ReplicationJson.commitTree(body, "point commit");
            if (PointDelta.isDelta(tree)) {
                PointDelta d = PointDelta.decode(tree);
                return judged(() -> DeltaCommit.commit(repository, machine, d.delta(), new PointMeta(
                        d.bytesSent() + body.length, tlsVersion, cipherSuite, d.consistency()), retention));
            }
            ChunkedCommit chunked = ChunkedCommit.decode(tree);
            return judged(() -> repository.commitPoint(machine, chunked.header(), chunked.chunks(), new PointMeta(
                    chunked.bytesSent() + body.length, tlsVersion, cipherSuite, chunked.consistency()), retention));
        } finally {
            grant.release();
        }
    }

    /** A decoded commit's recording, its refusals as the statuses of {@code docs/protocol.md}. */
    private static PointInfo judged(java.util.function.Supplier<PointInfo> record) {
        try {
            return record.get();
        } catch (MissingBlocksException e) {
            throw new ReplicationException(409, "missing_blocks", "point commit refused: " + e.getMessage());
        } catch (DeltaRefusedException e) {
            throw new ReplicationException(409, e.reason().code(), "delta commit refused: " + e.getMessage());
        } catch (NotFoundException e) {
            throw new ReplicationException(409, "missing_chunks", "point commit refused: " + e.getMessage()
                    + "; send the manifest again");
        } catch (IntegrityException e) {
            throw new ReplicationException(500, "damaged", "point commit refused: " + e.getMessage());
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

    /**
     * A point's whole manifest, for {@code GET .../points/{id}}: refused (413) beyond {@link
     * Limits#MAX_MANIFEST_JSON_BLOCKS} references, since its JSON is built in the vault's memory.
     */
    public Manifest manifest(String machine, String pointId) {
        try {
            io.lifeboat.repository.ManifestSummary s = repository.manifestSummary(machine, pointId);
            if (s.blocks() + s.zeroBlocks() > io.lifeboat.replication.protocol.Limits.MAX_MANIFEST_JSON_BLOCKS) {
                throw new ReplicationException(413, "too_large", "the manifest of point " + pointId + " names "
                        + (s.blocks() + s.zeroBlocks()) + " blocks, more than the "
                        + io.lifeboat.replication.protocol.Limits.MAX_MANIFEST_JSON_BLOCKS
                        + " sent whole; fail it over with `lifeboat failover` on the vault");
            }
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
