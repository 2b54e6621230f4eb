package io.lifeboat.readiness.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.registry.RegistryView;
import io.lifeboat.readiness.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Acceptance 1: every rule, PASS and FAIL (and the other statuses it can give) on every OS family it
 * covers. Each row of rule-matrix.csv names a rule, the scenario fixtures merged (in order) on top of
 * each OS fixture, and the status expected per OS. Every cell is checked twice: on the merged .reg
 * files and on SYSTEM + SOFTWARE hives written from the same content.
 */
class RuleMatrixTest {
    static final List<String> OSES = List.of("win2008sp2", "win2008r2", "win7x86", "win2012", "win2012r2", "win2019",
            "win11", "win2003", "none");

    @ParameterizedTest(name = "{0} with {1}")
    @CsvFileSource(resources = "/fixtures/rule-matrix.csv", numLinesToSkip = 1, delimiter = '|')
    void ruleGivesTheExpectedStatusOnEveryOsFamily(String rule, String scenarios, String w2008sp2, String w2008r2,
            String w7x86, String w2012, String w2012r2, String w2019, String w11, String w2003, String none) {
        List<String> expected = List.of(w2008sp2, w2008r2, w7x86, w2012, w2012r2, w2019, w11, w2003, none);
        List<String> actualReg = new ArrayList<>();
        List<String> actualHive = new ArrayList<>();
        for (String os : OSES) {
            List<String> files = new ArrayList<>();
            if (!os.equals("none")) {
                files.add("os/" + os + ".reg");
            }
            if (!scenarios.strip().equals("-")) {
                for (String s : scenarios.strip().split("\\+")) {
                    files.add("scenarios/" + s + ".reg");
                }
            }
            MutableRegistry reg = Fixtures.merged(files);
            actualReg.add(status(rule, reg));
            actualHive.add(status(rule, Fixtures.asHives(reg)));
        }
        List<String> want = expected.stream().map(String::strip).toList();
        assertThat(actualReg).as(".reg view, OS order " + OSES).isEqualTo(want);
        assertThat(actualHive).as("hive view, OS order " + OSES).isEqualTo(want);
    }

    static String status(String rule, RegistryView view) {
        Machine m = Machine.of(view);
        Rule r = Rules.byId(rule);
        Status s = r.appliesTo(m) ? r.evaluate(m).status() : Status.NOT_APPLICABLE;
        return s == Status.NOT_APPLICABLE ? "N/A" : s.name();
    }
}
