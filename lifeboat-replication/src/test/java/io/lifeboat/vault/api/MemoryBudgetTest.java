package io.lifeboat.vault.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    private final List<String> granted = new ArrayList<>();

    private MemoryBudget.Grant ask(MemoryBudget b, String key, long bytes, String name) {
        return b.acquire(key, bytes, () -> granted.add(name));
    }

    @Test
    void whatFitsIsGrantedAtOnceAndWhatDoesNotWaitsForARelease() {
        MemoryBudget b = new MemoryBudget(100, 100);
        MemoryBudget.Grant first = ask(b, "a", 60, "first");
        MemoryBudget.Grant second = ask(b, "b", 60, "second");
        assertThat(granted).containsExactly("first");
        assertThat(second.held()).isFalse();
        assertThat(b.used()).isEqualTo(60);
        first.release();
        assertThat(granted).containsExactly("first", "second");
        assertThat(b.used()).isEqualTo(60);
        first.release(); // a second release gives nothing back twice
        assertThat(b.used()).isEqualTo(60);
        second.release();
        assertThat(b.used()).isZero();
    }

    @Test
    void aWaiterHeldBackByTheWholeBudgetIsNotOvertakenBySmallerOnes() {
        MemoryBudget b = new MemoryBudget(100, 100);
        MemoryBudget.Grant big = ask(b, "a", 90, "big");
        ask(b, "b", 50, "large");
        ask(b, "c", 5, "small"); // would fit now, but "large" was first in line
        assertThat(granted).containsExactly("big");
        big.release();
        assertThat(granted).containsExactly("big", "large", "small");
    }

    @Test
    void aKeyAtItsCapWaitsWhileOtherKeysGoPast() {
        MemoryBudget b = new MemoryBudget(100, 40);
        MemoryBudget.Grant a1 = ask(b, "a", 40, "a1");
        ask(b, "a", 10, "a2"); // a is at its cap
        ask(b, "b", 30, "b1"); // goes past a2, which only its own key holds back
        assertThat(granted).containsExactly("a1", "b1");
        a1.release();
        assertThat(granted).containsExactly("a1", "b1", "a2");
        assertThat(b.used()).isEqualTo(40);
    }

    @Test
    void askingForNothingIsGrantedAtOnceEvenBehindAWaiter() {
        MemoryBudget b = new MemoryBudget(100, 100);
        MemoryBudget.Grant big = ask(b, "a", 90, "big");
        ask(b, "b", 50, "large"); // waits for the whole budget
        MemoryBudget.Grant nothing = ask(b, "c", 0, "nothing");
        assertThat(granted).containsExactly("big", "nothing");
        nothing.release();
        big.release();
        assertThat(granted).containsExactly("big", "nothing", "large");
        assertThat(b.used()).isEqualTo(50);
    }

    @Test
    void aWaiterThatLeavesTheLineIsNeverGranted() {
        MemoryBudget b = new MemoryBudget(100, 100);
        MemoryBudget.Grant first = ask(b, "a", 100, "first");
        MemoryBudget.Grant gone = ask(b, "b", 10, "gone");
        ask(b, "c", 10, "next");
        gone.release();
        assertThat(b.waiting()).isEqualTo(1);
        first.release();
        assertThat(granted).containsExactly("first", "next");
        assertThat(b.used()).isEqualTo(10);
    }

    @Test
    void moreThanOneKeyMayHoldIsRefusedAtOnce() {
        MemoryBudget b = new MemoryBudget(100, 40);
        assertThatThrownBy(() -> ask(b, "a", 41, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("41 bytes").hasMessageContaining("40");
        assertThat(b.waiting()).isZero();
    }

    @Test
    void aBlockingWaitGivesUpAfterItsTimeAndLeavesTheLine() throws Exception {
        MemoryBudget b = new MemoryBudget(100, 100);
        MemoryBudget.Grant first = ask(b, "a", 100, "first");
        assertThat(b.acquireWithin("b", 10, 50)).isNull();
        assertThat(b.waiting()).isZero();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            first.release();
        });
        releaser.start();
        MemoryBudget.Grant g = b.acquireWithin("b", 10, 10_000);
        releaser.join();
        assertThat(g).isNotNull();
        assertThat(g.held()).isTrue();
        assertThat(b.used()).isEqualTo(10);
    }
}
