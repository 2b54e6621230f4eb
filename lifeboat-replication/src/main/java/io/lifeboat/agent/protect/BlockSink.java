package io.lifeboat.agent.protect;

import io.lifeboat.repository.BlockId;

/** Receives each block the reader hashed (changed or new); the array is the sink's, to give back to the pass's {@link BlockBuffers}. */
interface BlockSink {
    void accept(BlockId id, byte[] data, int length) throws InterruptedException;

    /**
     * The reader moved on by a group of blocks, whether or not it handed any over: a sink that holds
     * blocks back to send them together may send what it holds once it has held it long enough.
     */
    default void moved() throws InterruptedException {
    }
}
