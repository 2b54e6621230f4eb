package io.lifeboat.vault.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.repository.PointInfo;
import io.lifeboat.repository.SourceKind;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.store.IssuedCertificate;
import io.lifeboat.vault.store.MachineRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetEvaluatorTest {
    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    static MachineRecord active(String name) {
        return new MachineRecord(name, MachineRecord.Status.ACTIVE, NOW.minusSeconds(86400), null,
                List.of(new IssuedCertificate("00", "1", NOW.minusSeconds(86400), NOW.plus(Duration.ofDays(20)))));
    }

    static PointInfo point(String machine, String source, Duration age) {
        return new PointInfo("p-" + machine + age.toSeconds(), machine, NOW.minus(age), source, SourceKind.FILE, 100, 50,
                "TLSv1.3", "TLS_AES_256_GCM_SHA384", "live");
    }

    @Test
    void eachSourceIsJudgedByItsNewestPointAndAMachineByItsWorstSource() {
        FleetStatus s = FleetEvaluator.evaluate(List.of(active("web-1"), active("db-1")), List.of(
                point("web-1", "/a", Duration.ofMinutes(40)), point("web-1", "/a", Duration.ofMinutes(5)),
                point("web-1", "/b", Duration.ofMinutes(20))), RpoSettings.DEFAULT, NOW);
        MachineStatus web = s.machine("web-1").orElseThrow();
        assertThat(web.sources()).extracting(SourceStatus::source, SourceStatus::health, SourceStatus::points)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/a", Health.OK, 2),
                        org.assertj.core.groups.Tuple.tuple("/b", Health.WARNING, 1));
        assertThat(web.sources().get(0).rpo()).isEqualTo(Duration.ofMinutes(5));
        assertThat(web.health()).isEqualTo(Health.WARNING);
        assertThat(web.certificateExpiry()).isEqualTo(NOW.plus(Duration.ofDays(20)));
        assertThat(s.machine("db-1").orElseThrow().health()).isEqualTo(Health.NEVER_PROTECTED);
    }

    @Test
    void criticalPastTheCriticalThresholdAndPerMachineThresholdsReplaceTheVaultWideOnes() {
        RpoSettings settings = RpoSettings.DEFAULT.with("db-1", new RpoThresholds(Duration.ofSeconds(5), Duration.ofSeconds(10)));
        FleetStatus s = FleetEvaluator.evaluate(List.of(active("web-1"), active("db-1")), List.of(
                point("web-1", "/a", Duration.ofMinutes(31)), point("db-1", "/d", Duration.ofSeconds(7))), settings, NOW);
        assertThat(s.machine("web-1").orElseThrow().health()).isEqualTo(Health.CRITICAL);
        assertThat(s.machine("db-1").orElseThrow().health()).isEqualTo(Health.WARNING);
        assertThat(s.machine("db-1").orElseThrow().thresholds().warning()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aRevokedMachineIsRevokedWhateverItsPoints() {
        MachineRecord revoked = new MachineRecord("old-1", MachineRecord.Status.REVOKED, NOW.minusSeconds(9000),
                NOW.minusSeconds(60), List.of());
        FleetStatus s = FleetEvaluator.evaluate(List.of(revoked), List.of(point("old-1", "/x", Duration.ofHours(3))),
                RpoSettings.DEFAULT, NOW);
        assertThat(s.machine("old-1").orElseThrow().health()).isEqualTo(Health.REVOKED);
        assertThat(s.sources()).extracting(SourceStatus::health).containsExactly(Health.REVOKED);
    }

    @Test
    void thresholdsThatDoNotIncreaseAreRefusedNotClamped() {
        assertThatThrownBy(() -> new RpoThresholds(Duration.ofMinutes(30), Duration.ofMinutes(30)))
                .isInstanceOf(LifeboatException.class).hasMessageContaining("longer than the warning");
        assertThatThrownBy(() -> new RpoThresholds(Duration.ZERO, Duration.ofMinutes(30)))
                .isInstanceOf(LifeboatException.class);
        assertThat(new RpoSettings(RpoThresholds.DEFAULT, Map.of()).forMachine("x")).isEqualTo(RpoThresholds.DEFAULT);
    }
}
