package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A buffer goes back to the pool only once everyone who held a block in it let go. */
class BlockBuffersTest {
    private static final int BS = 4096;

    @Test
    void aSliceIsNotHandedOutAgainWhileABlockInItIsHeld() {
        BlockBuffers pool = new BlockBuffers(BS, 64);
        BlockBuffers.Shared slice = pool.slice();
        HeldBlock a = slice.hold(0, BS);
        HeldBlock b = slice.hold(BS, BS);
        slice.release(); // the reader is done with it: the blocks still hold it
        assertThat(pool.slice()).as("held by two blocks").isNotSameAs(slice);
        a.release();
        a.release(); // a second let-go of the same block counts once
        assertThat(pool.slice()).as("still held by one block").isNotSameAs(slice);
        b.release();
        assertThat(pool.slice()).as("let go by all: back in the pool").isSameAs(slice);
    }

    @Test
    void aCopiedBlockHoldsItsOwnBufferUntilLetGo() {
        BlockBuffers pool = new BlockBuffers(BS, 64);
        byte[] bytes = {1, 2, 3};
        HeldBlock first = pool.copy(bytes, 3);
        HeldBlock second = pool.copy(new byte[] {4}, 1);
        assertThat(second.bytes().get(0)).as("not the first block's buffer").isEqualTo((byte) 4);
        assertThat(first.bytes().get(0)).isEqualTo((byte) 1);
        assertThat(first.length()).isEqualTo(3);
        first.release();
        HeldBlock third = pool.copy(new byte[] {9, 9}, 2);
        assertThat(third.bytes().get(0)).isEqualTo((byte) 9);
        assertThat(second.bytes().get(0)).as("the block still held is untouched").isEqualTo((byte) 4);
    }

    @Test
    void lettingABufferGoMoreOftenThanHeldFailsLoudly() {
        BlockBuffers.Shared slice = new BlockBuffers(BS, 64).slice();
        slice.release();
        assertThatThrownBy(slice::release).isInstanceOf(IllegalStateException.class);
    }
}
