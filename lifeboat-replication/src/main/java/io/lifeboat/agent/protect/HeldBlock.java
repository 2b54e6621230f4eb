package io.lifeboat.agent.protect;

import java.nio.ByteBuffer;

/**
 * One block's bytes where the reader left them, and its hold on the buffer they lie in ({@link
 * BlockBuffers}): whoever has the block lets it go exactly once ({@link #release}), when nothing will
 * read its bytes again (the batch that carried it was written, or it was not sent at all). It has
 * one owner at a time (the reader's group, then the uploader), so it needs no lock.
 */
final class HeldBlock {
    private final ByteBuffer bytes;
    /** The buffer held, or null for a block in memory of its own (a sink fed arrays: tests, tools). */
    private final BlockBuffers.Shared buffer;
    private boolean released;

    HeldBlock(ByteBuffer bytes, BlockBuffers.Shared buffer) {
        this.bytes = bytes;
        this.buffer = buffer;
    }

    /** A block of {@code data[0, length)} that holds no pooled buffer. */
    static HeldBlock of(byte[] data, int length) {
        return new HeldBlock(ByteBuffer.wrap(data, 0, length).slice(), null);
    }

    /** The bytes, as a view of their own (position 0, limit the length): reading it moves no one else's. */
    ByteBuffer bytes() {
        return bytes.duplicate();
    }

    int length() {
        return bytes.limit();
    }

    /** Lets the buffer go; a second call does nothing. */
    void release() {
        if (!released) {
            released = true;
            if (buffer != null) {
                buffer.release();
            }
        }
    }
}
