package io.lifeboat.readiness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.readiness.hive.Hive;
import io.lifeboat.readiness.hive.HiveView;
import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.registry.RegistryView;
import io.lifeboat.readiness.rules.RuleResult;
import io.lifeboat.readiness.rules.Status;
import io.lifeboat.readiness.testkit.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Acceptance 1 and 2: the three verdicts on every OS family in the rules. A machine with the required
 * list set (scenarios/required-set.reg) and its update present is READY; the same without the update's
 * servicing record is NOT READY naming the KB; the same with the OS unknown or a hive missing is
 * INCOMPLETE naming the input to give. Hardening and absent components never make it NOT READY; a
 * cipher order with no suite usable with an ECDSA certificate does.
 */
class VerdictTest {

    /** The OS fixture, the update's scenario ("-" when none is needed), the KB. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "win2008sp2, kb4019276-installed, KB4019276",
        "win2008r2, kb3140245-installed, KB3140245",
        "win7x86, kb3140245-installed, KB3140245",
        "win2012, kb3140245-installed, KB3140245",
        "win2012r2, -, ''",
        "win2019, -, ''",
        "win11, -, ''"})
    void readyWithTheUpdateNotReadyWithoutItIncompleteWithoutTheOsOrAHive(String os, String update, String kb) {
        MutableRegistry ready = machine(os, update);
        for (RegistryView v : List.of(ready, Fixtures.asHives(ready))) {
            ReadinessReport r = Readiness.check(v, List.of());
            assertThat(r.verdict()).as("%s: %s", os, failing(r)).isEqualTo(Verdict.READY);
            assertThat(r.missing()).isEmpty();
        }
        if (!kb.isEmpty()) {
            MutableRegistry without = machine(os, "-");
            for (RegistryView v : List.of(without, Fixtures.asHives(without))) {
                ReadinessReport r = Readiness.check(v, List.of());
                assertThat(r.verdict()).isEqualTo(Verdict.NOT_READY);
                assertThat(r.required(Status.FAIL)).containsExactly("os-update");
                assertThat(result(r, "os-update").summary()).contains(kb);
            }
        }
        MutableRegistry noOs = new MutableRegistry(ready, "OS unknown");
        noOs.apply(new RegistryEdit.DeleteKey(KeyPath.hklm("SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion")));
        ReadinessReport unknownOs = Readiness.check(noOs, List.of());
        assertThat(unknownOs.verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(unknownOs.missing()).anySatisfy(m -> assertThat(m).contains("give the SOFTWARE hive"));

        HiveView hives = Fixtures.asHives(ready);
        ReadinessReport systemAlone = Readiness.check(HiveView.of(hive(hives, "SYSTEM"), null), List.of());
        assertThat(systemAlone.verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(systemAlone.required(Status.FAIL)).isEmpty();
        assertThat(systemAlone.missing()).anySatisfy(m -> assertThat(m).startsWith("give the SOFTWARE hive"));
        ReadinessReport softwareAlone = Readiness.check(HiveView.of(null, hive(hives, "SOFTWARE")), List.of());
        assertThat(softwareAlone.verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(softwareAlone.missing()).anySatisfy(m -> assertThat(m).startsWith("give the SYSTEM hive"));
    }

    @Test
    void aMachineWithoutDotNet35IsNeverFailedForItsValuesAndHardeningNeverFails() {
        MutableRegistry m = Fixtures.merged(List.of("os/win2012.reg", "scenarios/required-set.reg",
                "scenarios/kb3140245-installed.reg", "scenarios/dotnet-no-v2.reg"));
        ReadinessReport r = Readiness.check(m, List.of());
        assertThat(r.verdict()).isEqualTo(Verdict.READY);
        assertThat(result(r, "dotnet-v2-tls").status()).isEqualTo(Status.NOT_APPLICABLE);

        // no NET Framework Setup keys to tell; legacy protocols on, TLS 1.2 server off, WinHTTP and .NET 3.5 unset
        ReadinessReport unhardened = Readiness.check(Fixtures.merged(List.of("os/win2008r2.reg",
                "scenarios/required-set.reg", "scenarios/kb3140245-installed.reg", "scenarios/legacy-ssl3-enabled.reg",
                "scenarios/winhttp-tls10-only.reg")), List.of());
        assertThat(unhardened.verdict()).as(failing(unhardened)).isEqualTo(Verdict.READY);
        assertThat(statuses(unhardened)).containsEntry("dotnet-v2-tls", "WARN").containsEntry("legacy-protocols", "WARN")
                .containsEntry("schannel-tls12-server", "WARN").containsEntry("winhttp-default-secure-protocols", "WARN");
    }

    @Test
    void aCipherOrderWithOnlyRsaSuitesIsNotReadyWithTheReason() {
        ReadinessReport r = Readiness.check(Fixtures.merged(List.of("os/win2019.reg", "scenarios/required-set.reg",
                "scenarios/cipher-rsa-only.reg")), List.of());
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_READY);
        assertThat(r.required(Status.FAIL)).containsExactly("cipher-suite-policy");
        assertThat(result(r, "cipher-suite-policy").summary()).contains("2 of them RSA-authenticated")
                .contains("no TLS 1.2 ECDHE_ECDSA AES-GCM suite").contains("ECDSA P-256");
        ReadinessReport ok = Readiness.check(Fixtures.merged(List.of("os/win2019.reg", "scenarios/required-set.reg",
                "scenarios/cipher-aead.reg")), List.of());
        assertThat(result(ok, "cipher-suite-policy").summary()).contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256_P256");
    }

    @Test
    void theFleetCountsTheThreeVerdictsApart() {
        Map<String, ReadinessReport> reports = new LinkedHashMap<>();
        reports.put("ready", Readiness.check(machine("win2019", "-"), List.of()));
        reports.put("no-kb", Readiness.check(machine("win2008r2", "-"), List.of()));
        HiveView hives = Fixtures.asHives(machine("win2019", "-"));
        reports.put("system-only", Readiness.check(HiveView.of(hive(hives, "SYSTEM"), null), List.of()));
        FleetSummary f = FleetSummary.of(reports, Map.of());
        assertThat(List.of(f.total(), f.ready(), f.notReady(), f.incomplete())).containsExactly(3, 1, 1, 1);
        assertThat(f.allReady()).isFalse();
        assertThat(f.failuresByRule()).containsExactly(Map.entry("os-update", 1));
        assertThat(f.machines().get(2).verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(f.machines().get(2).missing()).anySatisfy(m -> assertThat(m).startsWith("give the SOFTWARE hive"));
    }

    /** An OS fixture with the required list set, its update's record, and (2008 SP2) a usable suite order. */
    static MutableRegistry machine(String os, String update) {
        List<String> files = new ArrayList<>(List.of("os/" + os + ".reg", "scenarios/required-set.reg"));
        if (!update.equals("-")) {
            files.add("scenarios/" + update + ".reg");
        }
        if (os.equals("win2008sp2")) {
            // its default suite order is not documented to hold an ECDHE_ECDSA AES-GCM suite
            files.add("scenarios/cipher-ecdsa-local.reg");
        }
        return Fixtures.merged(files);
    }

    static Hive hive(HiveView view, String name) {
        return name.equals("SYSTEM") ? Hive.parse("SYSTEM", Fixtures.systemHive(view))
                : Hive.parse("SOFTWARE", Fixtures.softwareHive(view).orElseThrow());
    }

    static RuleResult result(ReadinessReport r, String rule) {
        return r.results().stream().filter(x -> x.rule().equals(rule)).findFirst().orElseThrow();
    }

    static Map<String, String> statuses(ReadinessReport r) {
        Map<String, String> m = new LinkedHashMap<>();
        r.results().forEach(x -> m.put(x.rule(), x.status().name()));
        return m;
    }

    static String failing(ReadinessReport r) {
        return r.results().stream().filter(x -> x.status() == Status.FAIL || x.status() == Status.UNKNOWN)
                .map(x -> x.rule() + " " + x.status() + ": " + x.summary()).toList().toString();
    }
}
