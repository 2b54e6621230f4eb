package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZeroRunsTest {
    final List<String> runs = new ArrayList<>();
    final ZeroRuns zeros = new ZeroRuns((count, length) -> runs.add(count + "x" + length));

    @Test
    void runsOfOneLengthAreJoinedUntilFlushed() {
        zeros.add(3, 4096);
        zeros.add(2, 4096);
        assertThat(runs).isEmpty();
        zeros.flush();
        zeros.flush();
        assertThat(runs).containsExactly("5x4096");
    }

    @Test
    void aRunOfAnotherLengthSendsThePendingOneFirst() {
        zeros.add(3, 4096);
        zeros.add(1, 100); // a file's short last block
        zeros.add(0, 7);
        zeros.add(-1, 7);
        zeros.flush();
        assertThat(runs).containsExactly("3x4096", "1x100");
    }
}
