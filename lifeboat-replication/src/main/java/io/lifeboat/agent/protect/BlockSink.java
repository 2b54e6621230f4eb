package io.lifeboat.agent.protect;

import io.lifeboat.repository.BlockId;

/** Receives each non-zero block the reader cuts; the array is the sink's to keep. */
@FunctionalInterface
interface BlockSink {
    void accept(BlockId id, byte[] data, int length) throws InterruptedException;
}
