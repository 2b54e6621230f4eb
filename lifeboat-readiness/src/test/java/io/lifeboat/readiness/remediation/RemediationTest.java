package io.lifeboat.readiness.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.report.Readiness;
import io.lifeboat.readiness.report.ReadinessReport;
import io.lifeboat.readiness.testkit.Fixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The harmful fixes the issue names, each on its own fixture: none of them may be written again. */
class RemediationTest {
    static final KeyPath WINHTTP = KeyPath.hklm("SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp");

    static ReadinessReport report(String... files) {
        return Readiness.check(Fixtures.merged(List.of(files)), List.of());
    }

    static boolean touchesLegacy(List<RegistryEdit> edits) {
        return edits.stream().anyMatch(e -> e.key().toString().matches("(?i).*\\\\Protocols\\\\(SSL [23]\\.0|TLS 1\\.[01])\\\\.*"));
    }

    static Optional<Integer> dsp(List<RegistryEdit> edits) {
        return edits.stream().filter(e -> e instanceof RegistryEdit.SetValue s && e.key().same(WINHTTP)
                && s.value().name().equals("DefaultSecureProtocols"))
                .map(e -> ((RegistryEdit.SetValue) e).value().asDword().orElseThrow()).findFirst();
    }

    @Test
    void onA2008Sp2WithoutItsUpdateNeitherFixTurnsOffTheOnlyProtocolsItHas() {
        for (String update : List.of("scenarios/no-servicing-records.reg", "scenarios/kb3140245-installed.reg")) {
            ReadinessReport r = report("os/win2008sp2.reg", update);
            assertThat(touchesLegacy(Remediation.edits(r.results(), Remediation.Mode.REQUIRED))).isFalse();
            assertThat(touchesLegacy(Remediation.edits(r.results(), Remediation.Mode.HARDEN))).as(update).isFalse();
            assertThat(Remediation.comments(r.os().name(), r.results(), Remediation.Mode.HARDEN))
                    .anySatisfy(c -> assertThat(c).contains("legacy protocols stay on"));
        }
        // with KB4019276 recorded, --harden does turn them off, and says what may still need them
        ReadinessReport ok = report("os/win2008sp2.reg", "scenarios/kb4019276-installed.reg");
        assertThat(touchesLegacy(Remediation.edits(ok.results(), Remediation.Mode.HARDEN))).isTrue();
        assertThat(touchesLegacy(Remediation.edits(ok.results(), Remediation.Mode.REQUIRED))).isFalse();
        assertThat(Remediation.comments(ok.os().name(), ok.results(), Remediation.Mode.HARDEN))
                .anySatisfy(c -> assertThat(c).contains("WARNING").contains("RDP"));
    }

    @Test
    void winHttpValuesComeFromTheOsAndNeverTakeTls13Away() {
        // OS unknown: no value is written, and the file says why
        ReadinessReport unknown = report("scenarios/dotnet-all-set.reg");
        assertThat(dsp(Remediation.edits(unknown.results(), Remediation.Mode.HARDEN))).isEmpty();
        assertThat(Remediation.comments(unknown.os().name(), unknown.results(), Remediation.Mode.HARDEN))
                .anySatisfy(c -> assertThat(c).contains("would remove TLS 1.3"));
        // Windows 11 with TLS 1.3 only in WinHTTP: TLS 1.2 is added, TLS 1.3 kept
        MutableRegistry win11 = Fixtures.merged(List.of("os/win11.reg"));
        win11.apply(new RegistryEdit.SetValue(WINHTTP, RegValue.dword("DefaultSecureProtocols", 0x2000)));
        ReadinessReport r = Readiness.check(win11, List.of());
        assertThat(dsp(Remediation.edits(r.results(), Remediation.Mode.HARDEN))).contains(0x2800);
        assertThat(dsp(Remediation.edits(r.results(), Remediation.Mode.REQUIRED))).isEmpty();
        // 2012 without the value: 0xA00 (that Windows has no TLS 1.3)
        ReadinessReport w2012 = report("os/win2012.reg", "scenarios/kb3140245-installed.reg");
        assertThat(dsp(Remediation.edits(w2012.results(), Remediation.Mode.HARDEN))).contains(0xA00);
    }
}
