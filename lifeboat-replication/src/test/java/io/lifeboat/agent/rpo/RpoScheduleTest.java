package io.lifeboat.agent.rpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.tls.LifeboatException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RpoScheduleTest {
    final RpoSchedule fifteen = new RpoSchedule(Duration.ofMinutes(15));

    @Test
    void aLongerPassStartsTheNextOneEarlier() {
        assertThat(fifteen.nextInterval(Duration.ZERO)).isEqualTo(Duration.ofSeconds(810));
        assertThat(fifteen.nextInterval(Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(750));
        assertThat(fifteen.nextInterval(Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(510));
    }

    @Test
    void passesLongerThanTheTargetAllowsRunBackToBack() {
        assertThat(fifteen.nextInterval(Duration.ofMinutes(40))).isEqualTo(Duration.ZERO);
    }

    @Test
    void aTargetBelowTenSecondsIsRefused() {
        assertThatThrownBy(() -> new RpoSchedule(Duration.ofSeconds(9))).isInstanceOf(LifeboatException.class);
    }
}
