package io.lifeboat.vault.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test parser itself: it must refuse what is not the format, or the metrics test proves nothing. */
class PromTextTest {
    @Test
    void parsesSamplesWithEscapedLabels() {
        List<PromText.Sample> s = PromText.parse("# HELP a_total A thing\n# TYPE a_total counter\n"
                + "a_total{x=\"1\",y=\"q\\\"\\\\z\"} 3.0\nb 1e3 1700000000000\nc{le=\"+Inf\"} +Inf\n");
        assertThat(s).hasSize(3);
        assertThat(s.get(0).labels()).isEqualTo(Map.of("x", "1", "y", "q\"\\z"));
        assertThat(s.get(1).value()).isEqualTo(1000.0);
    }

    @Test
    void refusesWhatIsNotTheFormat() {
        assertThatThrownBy(() -> PromText.parse("a{x=1} 1\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromText.parse("a 1 2 3\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromText.parse("<html>\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromText.parse("# TYPE a counter\n# TYPE a gauge\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromText.parse("a one\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
