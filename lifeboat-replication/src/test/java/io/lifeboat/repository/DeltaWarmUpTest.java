package io.lifeboat.repository;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The vault's warm-up of the delta path commits real deltas (a refused one would throw), in memory only. */
class DeltaWarmUpTest {
    @Test
    void everyRoundIsADeltaTheCommitAccepts() {
        PointInfo last = DeltaWarmUp.run(500, 3);

        assertThat(last.machine()).isEqualTo("warm-up");
        assertThat(last.source()).isEqualTo("/warm-up");
    }
}
