package io.lifeboat.readiness.hive;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.readiness.registry.RegistryView;
import io.lifeboat.readiness.remediation.RoundTripTest;
import io.lifeboat.readiness.report.Readiness;
import io.lifeboat.readiness.report.ReadinessReport;
import io.lifeboat.readiness.report.Verdict;
import io.lifeboat.readiness.rules.OsFamily;
import io.lifeboat.readiness.rules.RuleResult;
import io.lifeboat.readiness.rules.Status;
import io.lifeboat.readiness.testkit.Fixtures;
import io.lifeboat.readiness.testkit.SharedFixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Acceptance 2 (verdicts): what readiness says about the real SYSTEM hives, alone and with an OS named. */
class RealHiveVerdictsTest {

    static Hive load(String name) {
        byte[] image = SharedFixtures.regipy(name);
        List<TransactionLog> logs = new ArrayList<>();
        if (name.equals("SYSTEM_B")) {
            logs.add(TransactionLog.parse("SYSTEM_B.LOG1", SharedFixtures.regipy("SYSTEM_B.LOG1")));
            logs.add(TransactionLog.parse("SYSTEM_B.LOG2", SharedFixtures.regipy("SYSTEM_B.LOG2")));
        }
        return Hive.parse(name, LogReplay.recover(name, image, logs).image());
    }

    static Map<String, String> statuses(ReadinessReport r) {
        Map<String, String> m = new LinkedHashMap<>();
        for (RuleResult x : r.results()) {
            m.put(x.rule(), x.status().name());
        }
        return m;
    }

    @ParameterizedTest
    @CsvSource({"SYSTEM, x86", "SYSTEM_2, x64", "SYSTEM_B, x64", "SYSTEM_WIN_10_1709, x64"})
    void aSystemHiveAloneJudgesOnlyWhatItHolds(String name, String arch) {
        ReadinessReport r = Readiness.check(HiveView.of(load(name), null), List.of());
        assertThat(r.os().family()).isEqualTo(OsFamily.UNKNOWN);
        assertThat(r.os().arch()).isEqualTo(arch);
        assertThat(statuses(r)).containsExactly(
                Map.entry("os-update", "UNKNOWN"),
                Map.entry("schannel-tls12-client", "UNKNOWN"),
                Map.entry("schannel-tls12-server", "UNKNOWN"),
                Map.entry("legacy-protocols", "WARN"),
                Map.entry("dotnet-v4-tls", "UNKNOWN"),
                Map.entry("dotnet-v2-tls", "UNKNOWN"),
                Map.entry("winhttp-default-secure-protocols", "UNKNOWN"),
                Map.entry("cipher-suite-policy", "UNKNOWN"));
        // never READY: what decides it is in the SOFTWARE hive, and the report says so
        assertThat(r.verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(r.missing()).first().asString().startsWith("give the SOFTWARE hive");
        // the local suite order is shown, though a Group Policy order (in SOFTWARE) would override it
        assertThat(r.results().get(7).evidence().get(1).key()).endsWith("Local\\SSL\\00010002");
        RoundTripTest.check(HiveView.of(load(name), null));
    }

    @Test
    void theWindows7HiveWithItsOsNamedIsNotReadyAndTheFixRepairsIt() {
        RegistryView view = Readiness.applyOn(HiveView.of(load("SYSTEM"), null),
                List.of(Fixtures.reg("os/win7x86.reg")), new ArrayList<>());
        ReadinessReport r = Readiness.check(view, List.of());
        assertThat(r.os().family()).isEqualTo(OsFamily.WIN7_2008R2);
        assertThat(statuses(r)).containsExactly(
                Map.entry("os-update", "FAIL"),
                Map.entry("schannel-tls12-client", "FAIL"),
                Map.entry("schannel-tls12-server", "WARN"),
                Map.entry("legacy-protocols", "WARN"),
                Map.entry("dotnet-v4-tls", "FAIL"),
                Map.entry("dotnet-v2-tls", "WARN"),
                Map.entry("winhttp-default-secure-protocols", "WARN"),
                Map.entry("cipher-suite-policy", "PASS"));
        // x86: only the native view is checked for .NET (no WOW6432Node on a 32-bit Windows)
        assertThat(r.results().get(4).evidence()).hasSize(2);
        // SSL 2.0 client: the hive itself says DisabledByDefault=1 (as Windows 7 ships)
        assertThat(r.results().get(3).evidence().get(0).key()).contains("SSL 2.0\\Client");
        // the fix repairs every registry setting; KB3140245 is left to install
        ReadinessReport after = RoundTripTest.check(view);
        assertThat(after.verdict()).isEqualTo(Verdict.NOT_READY);
        assertThat(after.required(Status.FAIL)).containsExactly("os-update");
    }

    @Test
    void theReplayedWindows10HiveHasTls12OnByDefault() {
        RegistryView view = Readiness.applyOn(HiveView.of(load("SYSTEM_B"), null),
                List.of(Fixtures.reg("os/win10.reg")), new ArrayList<>());
        ReadinessReport r = Readiness.check(view, List.of());
        assertThat(r.os().name()).isEqualTo("Windows 10 Pro (build 17134)");
        Map<String, String> s = statuses(r);
        assertThat(s).containsEntry("schannel-tls12-client", "PASS").containsEntry("schannel-tls12-server", "PASS")
                .containsEntry("winhttp-default-secure-protocols", "PASS").containsEntry("os-update", "PASS")
                .containsEntry("dotnet-v4-tls", "FAIL");
        assertThat(RoundTripTest.check(view).ready()).isTrue();
    }
}
