package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The memo of filter parts holds parts up to its budget of bytes: one that does not fit pushes out the
 * least recently asked, and one larger than the whole budget is not held.
 */
class FilterPartMemoTest {
    final BlockFilter a = BlockFilter.of(new long[] {1, 2, 3}, 3);
    final BlockFilter b = BlockFilter.of(new long[] {4, 5, 6}, 3);
    final BlockFilter c = BlockFilter.of(new long[] {7, 8, 9}, 3);

    @Test
    void aPartThatDoesNotFitPushesOutTheLeastRecentlyAsked() {
        FilterPartMemo memo = new FilterPartMemo(100);
        memo.keep("m/a", a, 40);
        memo.keep("m/b", b, 40);
        assertThat(memo.get("m/a")).isSameAs(a); // b is now the least recently asked
        memo.keep("m/c", c, 40); // 120 > 100: b goes
        assertThat(memo.get("m/b")).isNull();
        assertThat(memo.get("m/a")).isSameAs(a);
        assertThat(memo.get("m/c")).isSameAs(c);
        assertThat(memo.size()).isEqualTo(2);
    }

    @Test
    void partsThatFitExactlyAreAllHeld() {
        FilterPartMemo memo = new FilterPartMemo(100);
        memo.keep("m/a", a, 60);
        memo.keep("m/b", b, 40);
        assertThat(memo.size()).isEqualTo(2);
        memo.keep("m/a", a, 60); // kept again under its name: counted once
        assertThat(memo.size()).isEqualTo(2);
        assertThat(memo.get("m/b")).isSameAs(b);
    }

    @Test
    void aPartLargerThanTheBudgetIsNotHeldAndPushesOutNothing() {
        FilterPartMemo memo = new FilterPartMemo(100);
        memo.keep("m/a", a, 60);
        memo.keep("m/b", b, 101);
        assertThat(memo.get("m/b")).isNull();
        assertThat(memo.get("m/a")).isSameAs(a);
    }

    @Test
    void aMemoWithNoBudgetHoldsNothing() {
        FilterPartMemo memo = new FilterPartMemo(0);
        memo.keep("m/a", a, 1);
        assertThat(memo.get("m/a")).isNull();
    }
}
