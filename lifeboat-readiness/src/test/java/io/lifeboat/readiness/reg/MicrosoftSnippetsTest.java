package io.lifeboat.readiness.reg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeboat.readiness.registry.KeyPath;
import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.report.Readiness;
import io.lifeboat.readiness.testkit.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Acceptance 2 (.reg part): the published snippets in shared/fixtures/registry/reg. */
class MicrosoftSnippetsTest {

    static RegFile read(String name) throws IOException {
        Path p = SharedFixtures.file("reg/" + name);
        return RegFileReader.read(Files.readAllBytes(p), name);
    }

    @Test
    void everyMicrosoftSnippetParsesWithoutErrors() throws IOException {
        List<String> names;
        try (Stream<Path> s = Files.list(SharedFixtures.registryDir().resolve("reg"))) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("msdocs-")).sorted().toList();
        }
        assertThat(names).hasSize(8);
        for (String n : names) {
            RegFile f = read(n);
            assertThat(f.errors()).as(n).isEmpty();
            assertThat(f.edits()).as(n).isNotEmpty();
        }
    }

    @Test
    void theSiteRecoverySnippetIsTakenWithNoticesForItsMissingHeaderAndSpacedEquals() throws IOException {
        RegFile f = read("msdocs-asr_transport-layer-security_as-published.txt.reg");
        assertThat(f.format()).isEqualTo(RegFormat.NONE);
        assertThat(f.errors()).isEmpty();
        assertThat(f.notices()).extracting(RegProblem::line).contains(1, 9, 13);
        assertThat(f.notices()).anySatisfy(p -> assertThat(p.message()).contains("no header line"));
        assertThat(f.notices()).anySatisfy(p -> assertThat(p.message()).contains("whitespace around '='"));
        MutableRegistry reg = Readiness.merge(List.of(f), new ArrayList<>());
        assertThat(reg.value(KeyPath.hklm("SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319"),
                "SchUseStrongCrypto").flatMap(v -> v.asDword())).contains(1);
        assertThat(reg.value(KeyPath.hklm(
                "SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client"),
                "DisabledByDefault").flatMap(v -> v.asDword())).contains(0);
    }

    @Test
    void thePintoFileIsRefusedWithEveryMalformedLineNumbered() throws IOException {
        RegFile f = read("pinto_Enable_all_protocols_Windows7_ONLY.reg");
        assertThat(f.errors()).extracting(RegProblem::line).containsExactly(5, 9, 13, 14, 18, 19);
        assertThat(f.errors()).allSatisfy(p -> assertThat(p.message()).contains("not quoted"));
        // the key headers (with their trailing backslash) are still read, with a notice each
        assertThat(f.edits()).filteredOn(e -> e instanceof RegistryEdit.CreateKey).hasSize(4);
        assertThat(f.notices()).extracting(RegProblem::line).contains(4, 8);
        assertThatThrownBy(f::requireClean).isInstanceOf(RegFileException.class)
                .hasMessageStartingWith("pinto_Enable_all_protocols_Windows7_ONLY.reg: 6 malformed lines")
                .hasMessageContaining("line 5: value name is not quoted")
                .hasMessageContaining("line 19:");
    }

    @Test
    void theSnippetsTogetherMakeAWindows2012MachineReadyForTheRegistryRules() throws IOException {
        List<RegFile> files = new ArrayList<>();
        for (String n : List.of("msdocs-sp2013_tls12-enable.reg", "msdocs-sp2013_winhttp-tls10-tls12-enable.reg",
                "msdocs-dotnet-tls_safest-values.reg")) {
            files.add(read(n));
        }
        MutableRegistry reg = Readiness.merge(files, new ArrayList<>());
        var report = Readiness.check(reg, List.of());
        assertThat(report.results()).filteredOn(r -> r.rule().startsWith("schannel") || r.rule().startsWith("dotnet")
                || r.rule().startsWith("winhttp")).allSatisfy(r -> assertThat(r.status().name()).isEqualTo("PASS"));
    }
}
