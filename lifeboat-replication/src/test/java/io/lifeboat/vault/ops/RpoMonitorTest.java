package io.lifeboat.vault.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.PointInfo;
import io.lifeboat.vault.events.EventType;
import io.lifeboat.vault.events.VaultEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpoMonitorTest {
    @TempDir
    Path vault;

    final List<PointInfo> points = new ArrayList<>();
    final List<VaultEvent> events = new ArrayList<>();

    RpoMonitor monitor() {
        return new RpoMonitor(vault, () -> FleetEvaluator.evaluate(List.of(FleetEvaluatorTest.active("web-1")),
                points, RpoSettings.DEFAULT, FleetEvaluatorTest.NOW), events::add);
    }

    @Test
    void aStateIsAnnouncedOnceWhileItHoldsAndAgainOnlyWhenItChanges() {
        RpoMonitor m = monitor();
        m.check();
        assertThat(events).as("never protected: not an RPO state").isEmpty();
        points.add(FleetEvaluatorTest.point("web-1", "/a", Duration.ofMinutes(1)));
        m.check();
        assertThat(events).as("first seen ok: nothing to announce").isEmpty();
        points.clear();
        points.add(FleetEvaluatorTest.point("web-1", "/a", Duration.ofMinutes(16)));
        m.check();
        m.check();
        m.check();
        assertThat(events).extracting(VaultEvent::type).containsExactly(EventType.RPO_WARNING);
        assertThat(events.get(0).machine()).isEqualTo("web-1");
        assertThat(events.get(0).detail()).containsEntry("rpoSeconds", "960").containsEntry("source", "/a");
        points.add(FleetEvaluatorTest.point("web-1", "/a", Duration.ofSeconds(3)));
        m.check();
        m.check();
        assertThat(events).extracting(VaultEvent::type).containsExactly(EventType.RPO_WARNING, EventType.RPO_OK);
    }

    @Test
    void aRestartedMonitorRemembersWhatItAnnounced() {
        points.add(FleetEvaluatorTest.point("web-1", "/a", Duration.ofMinutes(45)));
        monitor().check();
        monitor().check();
        assertThat(events).extracting(VaultEvent::type).containsExactly(EventType.RPO_CRITICAL);
    }
}
