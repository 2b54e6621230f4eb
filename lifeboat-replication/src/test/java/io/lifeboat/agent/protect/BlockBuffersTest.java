package io.lifeboat.agent.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pool of block arrays: what it hands out, keeps, counts, and carries from one pass to the next. */
class BlockBuffersTest {
    private static final int BS = 4096;

    @Test
    void aNextPassTakesTheArraysTheLastOneGaveBackAndCountsAfresh() {
        BlockBuffers first = new BlockBuffers(BS, 8);
        List<byte[]> taken = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            taken.add(first.take());
        }
        taken.forEach(first::give);
        assertThat(first.made()).isEqualTo(8);
        assertThat(first.mostOut()).isEqualTo(8);

        BlockBuffers second = first.nextPass();
        Set<byte[]> before = Collections.newSetFromMap(new IdentityHashMap<>());
        before.addAll(taken);
        for (int i = 0; i < 8; i++) {
            assertThat(before).contains(second.take());
        }
        assertThat(second.made()).isZero();
        assertThat(second.mostOut()).isEqualTo(8);
        assertThat(before.contains(second.take())).isFalse(); // a ninth: none free, so a new one
        assertThat(second.made()).isEqualTo(1);
    }

    @Test
    void anArrayTheLastPassStillHoldsIsNotHandedOutUntilItIsGivenBack() {
        BlockBuffers first = new BlockBuffers(BS, 4);
        byte[] held = first.take(); // e.g. a batch of a failed pass, still being answered
        byte[] free = first.take();
        first.give(free);
        BlockBuffers second = first.nextPass();
        assertThat(second.take()).isSameAs(free);
        assertThat(second.take()).isNotSameAs(held);
        first.give(held); // given back late, to the pool the next pass shares
        assertThat(second.take()).isSameAs(held);
    }

    @Test
    void itKeepsNoMoreThanItsCapacityAndDropsArraysOfAnotherSize() {
        BlockBuffers b = new BlockBuffers(BS, 2);
        List<byte[]> taken = List.of(b.take(), b.take(), b.take());
        taken.forEach(b::give);
        b.give(new byte[100]); // a copied short block
        BlockBuffers next = b.nextPass();
        next.take();
        next.take();
        assertThat(next.made()).isZero();
        next.take();
        assertThat(next.made()).isEqualTo(1); // the third was dropped: the pool keeps two
        assertThat(b.fits(BS, 2)).isTrue();
        assertThat(b.fits(BS, 4)).isFalse();
        assertThat(b.fits(BS * 2, 2)).isFalse();
    }
}
