package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A sweep's memo of filter parts holds a part only while the parts held fit in its budget of bytes. */
class FilterPartMemoTest {
    final BlockFilter a = BlockFilter.of(new long[] {1, 2, 3}, 3);
    final BlockFilter b = BlockFilter.of(new long[] {4, 5, 6}, 3);

    @Test
    void holdsPartsUpToItsBudgetAndNoneBeyond() {
        FilterPartMemo memo = new FilterPartMemo(100);
        memo.keep("m/a", a, 60);
        memo.keep("m/b", b, 50); // 110 > 100: not held, read again when asked
        assertThat(memo.get("m/a")).isSameAs(a);
        assertThat(memo.get("m/b")).isNull();
        memo.keep("m/c", b, 40); // 100: fits exactly
        assertThat(memo.get("m/c")).isSameAs(b);
        assertThat(memo.size()).isEqualTo(2);
    }

    @Test
    void aMemoWithNoBudgetHoldsNothing() {
        FilterPartMemo memo = new FilterPartMemo(0);
        memo.keep("m/a", a, 1);
        assertThat(memo.get("m/a")).isNull();
    }
}
