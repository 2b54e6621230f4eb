package io.lifeboat.agent.protect;

import io.lifeboat.repository.BlockId;

/** Receives each non-zero block the reader cuts; the array is the sink's, to give back to the pass's {@link BlockBuffers}. */
@FunctionalInterface
interface BlockSink {
    void accept(BlockId id, byte[] data, int length) throws InterruptedException;
}
