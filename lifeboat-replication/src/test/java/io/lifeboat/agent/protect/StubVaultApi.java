package io.lifeboat.agent.protect;

import io.lifeboat.replication.protocol.EncodedBlock;
import io.lifeboat.replication.protocol.PointCommit;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.PointInfo;
import java.util.List;
import java.util.Set;

/**
 * A vault for tests of one part of a pass: every request the test does not override fails (it was
 * not expected), the machine has no points and nothing was sent.
 */
abstract class StubVaultApi implements VaultApi {
    @Override
    public Set<BlockId> missing(List<BlockId> ids) {
        throw new UnsupportedOperationException("no ask was expected");
    }

    @Override
    public void upload(List<EncodedBlock> blocks) {
        throw new UnsupportedOperationException("no upload was expected");
    }

    @Override
    public PointInfo commit(PointCommit commit) {
        throw new UnsupportedOperationException("no whole commit was expected");
    }

    @Override
    public List<PointInfo> points() {
        return List.of();
    }

    @Override
    public long bytesSent() {
        return 0;
    }
}
