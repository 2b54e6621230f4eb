package io.lifeboat.agent.protect;

import io.lifeboat.replication.protocol.BlockSealer;
import io.lifeboat.repository.BlockId;

/** Receives each block the reader hashed (changed or new); the array is the sink's, to give back to the pass's {@link BlockBuffers}. */
interface BlockSink {
    /**
     * One block, with the compressibility sniff's verdict on it ({@link BlockSealer#looksIncompressible}),
     * taken by the reader while the block was in its cache: the sink seals it without reading it again.
     */
    void accept(BlockId id, byte[] data, int length, boolean looksIncompressible) throws InterruptedException;

    /** One block whose verdict the sink takes itself. */
    default void accept(BlockId id, byte[] data, int length) throws InterruptedException {
        accept(id, data, length, BlockSealer.looksIncompressible(data, length));
    }

    /**
     * The reader moved on by a group of blocks, whether or not it handed any over: a sink that holds
     * blocks back to send them together may send what it holds once it has held it long enough.
     */
    default void moved() throws InterruptedException {
    }
}
