package io.lifeboat.readiness.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.readiness.reg.RegFile;
import io.lifeboat.readiness.reg.RegFileReader;
import io.lifeboat.readiness.reg.RegFormat;
import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.registry.RegValue;
import io.lifeboat.readiness.registry.RegistryEdit;
import io.lifeboat.readiness.registry.RegistryView;
import io.lifeboat.readiness.report.Readiness;
import io.lifeboat.readiness.report.ReadinessReport;
import io.lifeboat.readiness.report.Verdict;
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
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance 3, for every OS fixture (every family in the rules, and none) with every scenario fixture:
 * the default --fix file, read back through our own .reg reader and applied to the same view, makes every
 * required registry rule PASS (what remains is an update to install or input to give, never a result with
 * edits); a NOT READY machine whose OS update is in place becomes READY (or INCOMPLETE only for input
 * the fix cannot supply); the file changes no legacy protocol and never lowers a WinHTTP or SCHANNEL
 * value. With --harden every registry rule PASSes, except legacy protocols where TLS 1.2 is not shown.
 */
public class RoundTripTest {
    static final List<String> OSES = List.of("win2008sp2", "win2008r2", "win7x86", "win2012", "win2012r2", "win2019",
            "win11", "win2003", "none");

    static Stream<Arguments> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(RoundTripTest.class.getResource("/fixtures/scenarios").toURI());
        List<String> scenarios = new ArrayList<>();
        scenarios.add("-");
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString().replace(".reg", "")).sorted().forEach(scenarios::add);
        }
        List<Arguments> out = new ArrayList<>();
        for (String os : OSES) {
            for (String s : scenarios) {
                out.add(Arguments.of(os, s));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("fixtures")
    void theFixMakesEveryRequiredRulePassAndNeverLowersASetting(String os, String scenario) {
        List<String> files = new ArrayList<>();
        if (!os.equals("none")) {
            files.add("os/" + os + ".reg");
        }
        if (!scenario.equals("-")) {
            files.add("scenarios/" + scenario + ".reg");
        }
        MutableRegistry reg = Fixtures.merged(files);
        for (RegistryView view : List.of(reg, Fixtures.asHives(reg))) {
            check(view);
            checkHarden(view);
        }
    }

    /** The default fix: fix, re-read, apply, re-check; returns the report after the fix. */
    public static ReadinessReport check(RegistryView view) {
        ReadinessReport before = Readiness.check(view, List.of());
        List<RegistryEdit> edits = writtenAndReadBack(before, Remediation.Mode.REQUIRED);
        for (RegistryEdit e : edits) {
            assertNoLegacyChange(e);
            assertNotLowered(view, e);
        }
        ReadinessReport after = apply(view, edits);
        for (RuleResult r : after.results()) {
            if (r.required() && Rules.byId(r.rule()).registryRule()) {
                assertThat(r.status() == Status.PASS || r.status() == Status.NOT_APPLICABLE
                        || r.status() == Status.UNKNOWN && r.fix().edits().isEmpty())
                        .as("required rule %s after the default fix on %s: %s %s", r.rule(), before.os().name(),
                                r.status(), r.summary()).isTrue();
            }
        }
        boolean updateInPlace = before.results().stream()
                .anyMatch(r -> r.rule().equals("os-update") && r.status() == Status.PASS);
        if (before.verdict() == Verdict.NOT_READY && updateInPlace) {
            assertThat(after.verdict()).as("after the fix on %s: %s", before.os().name(), after.missing())
                    .isIn(Verdict.READY, Verdict.INCOMPLETE);
            assertThat(after.required(Status.UNKNOWN)).as("only input the fix cannot supply is left")
                    .allMatch(id -> after.results().stream().filter(x -> x.rule().equals(id))
                            .allMatch(x -> x.fix().edits().isEmpty()));
        }
        return after;
    }

    /** --harden: every registry rule PASSes, except legacy protocols left on where TLS 1.2 is not shown. */
    static void checkHarden(RegistryView view) {
        ReadinessReport before = Readiness.check(view, List.of());
        ReadinessReport after = apply(view, writtenAndReadBack(before, Remediation.Mode.HARDEN));
        boolean tls12Shown = before.results().stream()
                .anyMatch(r -> r.rule().equals("os-update") && r.status() == Status.PASS);
        for (RuleResult r : after.results()) {
            if (r.status() == Status.PASS || r.status() == Status.NOT_APPLICABLE || r.fix().edits().isEmpty()) {
                continue;
            }
            assertThat(r.rule().equals("legacy-protocols") && !tls12Shown)
                    .as("%s after --harden on %s: %s %s", r.rule(), before.os().name(), r.status(), r.summary()).isTrue();
        }
    }

    private static List<RegistryEdit> writtenAndReadBack(ReadinessReport before, Remediation.Mode mode) {
        byte[] fix = Remediation.file(before.os().name(), before.results(), mode);
        assertThat(fix[0] & 0xff).isEqualTo(0xff);
        assertThat(fix[1] & 0xff).isEqualTo(0xfe);
        String text = new String(fix, 2, fix.length - 2, StandardCharsets.UTF_16LE);
        assertThat(text).startsWith("Windows Registry Editor Version 5.00\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        RegFile parsed = RegFileReader.read(fix, "fix.reg").requireClean();
        assertThat(parsed.format()).isEqualTo(RegFormat.VERSION_5);
        // what was written is what was meant (the reader adds a CreateKey for each [KEY] header)
        List<RegistryEdit> edits = parsed.edits().stream().filter(e -> !(e instanceof RegistryEdit.CreateKey)).toList();
        assertThat(edits).isEqualTo(Remediation.edits(before.results(), mode));
        return parsed.edits();
    }

    private static ReadinessReport apply(RegistryView view, List<RegistryEdit> edits) {
        MutableRegistry fixed = new MutableRegistry(view, "fixed");
        fixed.applyAll(edits);
        ReadinessReport before = Readiness.check(view, List.of());
        ReadinessReport after = Readiness.check(fixed, List.of());
        assertThat(after.os().family()).isEqualTo(before.os().family());
        return after;
    }

    /** The default fix never touches SSL 2.0/3.0, TLS 1.0/1.1. */
    static void assertNoLegacyChange(RegistryEdit e) {
        String key = e.key().toString().toUpperCase(Locale.ROOT);
        for (String p : List.of("SSL 2.0", "SSL 3.0", "TLS 1.0", "TLS 1.1")) {
            assertThat(key).as("default fix edit %s", e).doesNotContain("\\PROTOCOLS\\" + p + "\\");
        }
    }

    /**
     * A SCHANNEL protocol value is only ever set to on (Enabled non-zero, DisabledByDefault 0); a WinHTTP
     * DefaultSecureProtocols keeps every bit it had.
     */
    static void assertNotLowered(RegistryView view, RegistryEdit e) {
        assertThat(e).as("the default fix only sets values").isInstanceOfAny(RegistryEdit.SetValue.class,
                RegistryEdit.CreateKey.class);
        if (!(e instanceof RegistryEdit.SetValue s)) {
            return;
        }
        String key = e.key().toString().toUpperCase(Locale.ROOT);
        int now = s.value().asDword().orElse(-1);
        if (key.contains("\\SCHANNEL\\PROTOCOLS\\")) {
            assertThat(s.value().name().equalsIgnoreCase("Enabled") ? now != 0 : now == 0).as("%s", e).isTrue();
        }
        if (key.endsWith("\\WINHTTP")) {
            Optional<Integer> had = view.value(e.key(), s.value().name()).flatMap(RegValue::asDword);
            had.ifPresent(h -> assertThat(now & h).as("%s keeps the bits of 0x%x", e, h).isEqualTo(h));
        }
        if (key.endsWith("\\00010002")) {
            Optional<List<String>> had = view.value(e.key(), "Functions").flatMap(RegValue::asStrings);
            String all = String.join(",", s.value().asStrings().orElse(List.of()));
            had.ifPresent(h -> h.stream().flatMap(x -> Stream.of(x.split(","))).map(String::strip)
                    .forEach(x -> assertThat(all).as("the suite order keeps %s", x).contains(x)));
        }
    }
}
