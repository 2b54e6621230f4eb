package io.lifeboat.readiness.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.report.Readiness;
import io.lifeboat.readiness.report.ReadinessReport;
import io.lifeboat.readiness.rules.OsFamily;
import io.lifeboat.readiness.rules.RuleResult;
import io.lifeboat.readiness.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --live flow on Linux: reg.exe replaced by recorded exports of a Windows Server 2012 machine. */
class LiveRegistryTest {
    static final Map<String, String> RECORDED = Map.of(
            "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL", "schannel.reg",
            "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment", "environment.reg",
            "HKLM\\SOFTWARE\\Microsoft\\.NETFramework", "netframework64.reg",
            "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "currentversion.reg",
            "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\Packages"
                    + "\\Package_for_KB3140245~31bf3856ad364e35~amd64~~6.2.1.0", "kb3140245.reg");

    static final String REG = "C:\\Windows\\System32\\reg.exe";

    @TempDir
    Path work;

    final List<List<String>> commands = new ArrayList<>();

    CommandRunner recorded() {
        return recorded(new CommandRunner.Outcome(0, new String(Fixtures.bytes("live/win2012/reg-query-kb3140245.txt"),
                StandardCharsets.UTF_8)));
    }

    /** The recorded exports, with {@code query} as the answer to the servicing-record search. */
    CommandRunner recorded(CommandRunner.Outcome query) {
        return command -> {
            commands.add(command);
            if (command.get(1).equals("query")) {
                assertThat(command).containsSubsequence("/k", "/f", "KB3140245");
                return query;
            }
            assertThat(command).startsWith(REG, "export").endsWith("/y", "/reg:64");
            String file = RECORDED.get(command.get(2));
            if (file == null) {
                return new CommandRunner.Outcome(1, "ERROR: The system was unable to find the specified registry key or value.");
            }
            Files.write(Path.of(command.get(3)), Fixtures.bytes("live/win2012/" + file));
            return new CommandRunner.Outcome(0, "The operation completed successfully.");
        };
    }

    @Test
    void exportsOfBothViewsFeedTheRegReaderAndTheRules() {
        List<String> notes = new ArrayList<>();
        MutableRegistry reg = new LiveRegistry(recorded(), LiveRegistry.regExe("C:\\Windows"), work).read(notes);
        ReadinessReport r = Readiness.check(reg, notes);
        assertThat(r.os().family()).isEqualTo(OsFamily.WIN8_2012);
        assertThat(r.os().name()).isEqualTo("Windows Server 2012 Datacenter (build 9200)");
        assertThat(r.os().arch()).isEqualTo("x64");
        Map<String, String> s = new LinkedHashMap<>();
        for (RuleResult x : r.results()) {
            s.put(x.rule(), x.status().name());
        }
        assertThat(s).containsEntry("os-update", "PASS")
                .containsEntry("schannel-tls12-client", "PASS")
                .containsEntry("dotnet-v4-tls", "FAIL")
                .containsEntry("winhttp-default-secure-protocols", "WARN");
        // both views were asked for
        assertThat(commands).anySatisfy(c -> assertThat(c.get(2)).isEqualTo("HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework"));
        assertThat(commands).anySatisfy(c -> assertThat(c.get(2)).contains("WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp"));
        assertThat(notes).anySatisfy(n -> assertThat(n).contains("WOW6432Node\\Microsoft\\.NETFramework not present"));
        assertThat(r.ready()).isFalse();
        // reg.exe by its full path, never a bare "reg" found through the current folder
        assertThat(commands).allSatisfy(c -> assertThat(c.get(0)).isEqualTo(REG));
        assertThat(LiveRegistry.regExe("D:\\WINNT\\")).isEqualTo("D:\\WINNT\\System32\\reg.exe");
        assertThatThrownBy(() -> LiveRegistry.regExe(null)).hasMessageContaining("SystemRoot is not set");
    }

    @Test
    void aSearchThatFindsNoPackageMeansTheUpdateIsMissingAndAFailedSearchMeansUnknown() {
        // reg.exe's wording for a search without a match (exit 1), and for a key it may not read
        ReadinessReport missing = Readiness.check(new LiveRegistry(recorded(new CommandRunner.Outcome(1,
                "End of search: 0 match(es) found.\r\n")), LiveRegistry.regExe("C:\\Windows"), work).read(new ArrayList<>()),
                List.of());
        RuleResult update = missing.results().get(0);
        assertThat(update.rule()).isEqualTo("os-update");
        assertThat(update.status().name()).isEqualTo("FAIL");
        assertThat(update.summary()).contains("KB3140245");

        List<String> notes = new ArrayList<>();
        ReadinessReport denied = Readiness.check(new LiveRegistry(recorded(new CommandRunner.Outcome(1,
                "ERROR: Access is denied.\r\n")), LiveRegistry.regExe("C:\\Windows"), work).read(notes), notes);
        assertThat(denied.results().get(0).status().name()).isEqualTo("UNKNOWN");
        assertThat(notes).anySatisfy(n -> assertThat(n).contains("cannot search the servicing records for KB3140245"));
    }

    @Test
    void aCommandThatHangsIsStoppedAfterItsTimeout() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sleep")), "no /bin/sleep here");
        long start = System.nanoTime();
        CommandRunner runner = CommandRunner.system(java.time.Duration.ofMillis(300));
        assertThatThrownBy(() -> runner.run(List.of("/bin/sleep", "20"))).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("did not finish within");
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
        assertThat(CommandRunner.system(java.time.Duration.ofSeconds(20)).run(List.of("/bin/echo", "done")))
                .isEqualTo(new CommandRunner.Outcome(0, "done\n"));
    }
}
