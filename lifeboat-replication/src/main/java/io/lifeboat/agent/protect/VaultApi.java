package io.lifeboat.agent.protect;

import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.replication.protocol.PointDelta;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.PointInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The vault as a protect pass sees it: always this machine's own data (the vault takes the machine
 * from the client certificate). Implementations retry while the vault is away and count the request
 * bytes they send.
 */
public interface VaultApi {
    /** The ids of {@code ids} this machine's store lacks (at most {@code Limits.MAX_QUERY_IDS} per call). */
    Set<BlockId> missing(List<BlockId> ids);

    /** Sends one batch; the vault verifies and stores every block before it answers. */
    void upload(List<EncodedBlock> blocks);

    /** Records a point; the vault refuses a manifest that names a block it does not hold. */
    PointInfo commit(PointCommit commit);

    /**
     * Records a point sent as a delta of its parent ({@code docs/protocol.md}); empty when the vault
     * cannot build it from that parent (unknown or pruned, or the result is not what the agent read),
     * and the caller then commits the whole manifest. By default never sent: always empty.
     */
    default Optional<PointInfo> commitDelta(PointDelta delta) {
        return Optional.empty();
    }

    /** This machine's points, oldest first. */
    List<PointInfo> points();

    /** Request body bytes sent so far through this instance. */
    long bytesSent();
}
