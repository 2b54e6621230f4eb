package io.lifeboat.vault.replication;

import io.lifeboat.replication.protocol.WireEncoding;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.Manifest;
import io.lifeboat.repository.PointInfo;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the replication routes need from the vault's storage, always scoped to one machine. The
 * repository adapter implements it; tests use an in-memory one. Calls block (disk I/O): callers
 * must not run them on an event loop.
 */
public interface ReplicationStore {
    /** The ids of {@code ids} that {@code machine} does not hold. */
    Set<BlockId> missing(String machine, Collection<BlockId> ids);

    /** Stores a block whose body was already checked against its id; storing a held block is a no-op. */
    void putBlock(String machine, BlockId id, byte[] body, WireEncoding encoding);

    /** Makes a point visible atomically; every block the manifest names is already held. */
    PointInfo commit(String machine, Manifest manifest, CommitMeta meta);

    /** The machine's points, oldest first. */
    List<PointInfo> points(String machine);

    Optional<Manifest> manifest(String machine, String pointId);

    /** The raw bytes of a block the machine holds, checked against its id. */
    Optional<byte[]> readBlock(String machine, BlockId id);

    /**
     * What the vault records with a point besides the manifest.
     *
     * @param bytesSent request body bytes the agent sent for the point, the commit included
     */
    record CommitMeta(long bytesSent, String tlsVersion, String cipherSuite, String consistency) {
    }
}
