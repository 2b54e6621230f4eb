package io.lifeboat.readiness.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.readiness.reg.RegFile;
import io.lifeboat.readiness.reg.RegFileReader;
import io.lifeboat.readiness.reg.RegFormat;
import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.registry.RegistryView;
import io.lifeboat.readiness.report.Readiness;
import io.lifeboat.readiness.report.ReadinessReport;
import io.lifeboat.readiness.rules.RuleResult;
import io.lifeboat.readiness.rules.Rules;
import io.lifeboat.readiness.rules.Status;
import io.lifeboat.readiness.testkit.Fixtures;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance 3: for every fixture that fails or warns, the --fix file, read back through our own
 * .reg reader and applied to the same view, makes every registry rule PASS (or NOT_APPLICABLE); what
 * remains is an action that is not a registry setting (an update to install), never a result with edits.
 */
public class RoundTripTest {

    static Stream<Arguments> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(RoundTripTest.class.getResource("/fixtures/scenarios").toURI());
        List<String> scenarios = new ArrayList<>();
        scenarios.add("-");
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString().replace(".reg", "")).sorted().forEach(scenarios::add);
        }
        List<Arguments> out = new ArrayList<>();
        for (String os : List.of("win2008sp2", "win2008r2", "win7x86", "win2012", "win2012r2", "win2019", "win11",
                "win2003", "none")) {
            for (String s : scenarios) {
                out.add(Arguments.of(os, s));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("fixtures")
    void theFixMakesEveryRegistryRulePass(String os, String scenario) {
        List<String> files = new ArrayList<>();
        if (!os.equals("none")) {
            files.add("os/" + os + ".reg");
        }
        if (!scenario.equals("-")) {
            files.add("scenarios/" + scenario + ".reg");
        }
        MutableRegistry reg = Fixtures.merged(files);
        check(reg);
        check(Fixtures.asHives(reg));
    }

    /** Fix, re-read, apply, re-check; returns the report after the fix. */
    public static ReadinessReport check(RegistryView view) {
        ReadinessReport before = Readiness.check(view, List.of());
        byte[] fix = Remediation.file(before.os().name(), before.results());
        assertThat(fix[0] & 0xff).isEqualTo(0xff);
        assertThat(fix[1] & 0xff).isEqualTo(0xfe);
        String text = new String(fix, 2, fix.length - 2, StandardCharsets.UTF_16LE);
        assertThat(text).startsWith("Windows Registry Editor Version 5.00\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");

        RegFile parsed = RegFileReader.read(fix, "fix.reg").requireClean();
        assertThat(parsed.format()).isEqualTo(RegFormat.VERSION_5);
        // what was written is what was meant (the reader adds a CreateKey for each [KEY] header)
        assertThat(parsed.edits().stream().filter(e -> !(e instanceof RegistryEdit.CreateKey)).toList())
                .isEqualTo(Remediation.edits(before.results()));
        MutableRegistry fixed = new MutableRegistry(view, "fixed");
        fixed.applyAll(parsed.edits());
        ReadinessReport after = Readiness.check(fixed, List.of());
        assertThat(after.os().family()).isEqualTo(before.os().family());

        for (RuleResult r : after.results()) {
            if (r.status() == Status.PASS || r.status() == Status.NOT_APPLICABLE) {
                continue;
            }
            assertThat(r.fix().edits()).as("%s after the fix on %s: %s", r.rule(), before.os().name(), r.summary())
                    .isEmpty();
            if (Rules.byId(r.rule()).registryRule()) {
                assertThat(r.status()).as("registry rule %s after the fix: %s", r.rule(), r.summary())
                        .isEqualTo(Status.UNKNOWN);
            }
        }
        return after;
    }
}
