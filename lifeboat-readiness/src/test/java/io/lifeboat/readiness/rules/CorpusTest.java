package io.lifeboat.readiness.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.readiness.registry.MutableRegistry;
import io.lifeboat.readiness.report.Readiness;
import io.lifeboat.readiness.report.ReadinessReport;
import io.lifeboat.readiness.testkit.Fixtures;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * zlint's corpus test: every rule over every OS fixture combined with every scenario fixture; the
 * tally of (rule, status) must equal fixtures/corpus-counts.txt, so a change to a rule or a default
 * that shifts any verdict anywhere shows up here with its size. Update the file deliberately
 * (-Dlifeboat.regenerate=src/test/resources/fixtures) and say why in the commit.
 */
class CorpusTest {
    @Test
    void verdictCountsOverTheWholeCorpusAreStable() throws IOException, URISyntaxException {
        Path dir = Path.of(CorpusTest.class.getResource("/fixtures/scenarios").toURI());
        List<String> scenarios = new ArrayList<>();
        scenarios.add(null);
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> "scenarios/" + p.getFileName()).sorted().forEach(scenarios::add);
        }
        List<String> oses = new ArrayList<>();
        oses.add(null);
        Path osDir = Path.of(CorpusTest.class.getResource("/fixtures/os").toURI());
        try (Stream<Path> s = Files.list(osDir)) {
            s.map(p -> "os/" + p.getFileName()).sorted().forEach(oses::add);
        }
        Map<String, Integer> tally = new TreeMap<>();
        int machines = 0;
        for (String os : oses) {
            for (String sc : scenarios) {
                List<String> files = new ArrayList<>();
                if (os != null) {
                    files.add(os);
                }
                if (sc != null) {
                    files.add(sc);
                }
                MutableRegistry reg = Fixtures.merged(files);
                ReadinessReport r = Readiness.check(reg, List.of());
                machines++;
                tally.merge("verdict " + r.verdict(), 1, Integer::sum);
                r.results().forEach(x -> tally.merge(x.rule() + " " + x.status(), 1, Integer::sum));
            }
        }
        StringBuilder sb = new StringBuilder("# " + machines + " machines: every OS fixture (and none) x every scenario (and none)\n");
        tally.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
        String regen = System.getProperty("lifeboat.regenerate");
        if (regen != null) {
            Files.writeString(Path.of(regen, "corpus-counts.txt"), sb.toString());
            return;
        }
        assertThat(sb.toString()).isEqualTo(new String(Fixtures.bytes("corpus-counts.txt"), StandardCharsets.UTF_8));
    }
}
