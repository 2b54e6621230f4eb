package io.lifeboat.cli.plan;

import static io.lifeboat.cli.testing.InProcessCli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.testing.InProcessCli.Run;
import io.lifeboat.cli.testing.OfflineVault;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan validate} in-process: a good plan, a plan with problems (all listed, exit 2), a syntax error by line. */
class PlanValidateCommandTest {
    @TempDir
    Path tmp;

    Path dir;

    @BeforeEach
    void vault() throws Exception {
        dir = tmp.resolve("V");
        OfflineVault.withMachines(dir, "web-1", "db-1");
    }

    @Test
    void aGoodPlanIsValidAndItsOrderShown() throws Exception {
        Path plan = Files.writeString(tmp.resolve("plan.json"), """
                {"name": "web tier", "groups": [
                  {"name": "web", "after": ["db"], "steps": [{"machine": "web-1", "to": "/dr/web-1.img"}]},
                  {"name": "db", "pause": "check the database", "steps": [{"machine": "db-1", "to": "/dr/db-1.img"}]}]}
                """);
        Run r = run("plan", "validate", "--dir", dir.toString(), plan.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("valid: 2 groups, 2 failovers, in this order: db, web");
        JsonNode j = JsonOutput.MAPPER.readTree(run("plan", "validate", "--dir", dir.toString(), plan.toString(), "--json").out());
        assertThat(j.get("valid").asBoolean()).isTrue();
        assertThat(j.get("order").toString()).isEqualTo("[\"db\",\"web\"]");
    }

    @Test
    void everyProblemIsListedByPathAndTheExitIsTwo() throws Exception {
        Path plan = Files.writeString(tmp.resolve("bad.json"), """
                {"name": "x", "groups": [
                  {"name": "a", "after": ["b"], "steps": [{"machine": "mail-1", "to": "/dr/a"}]},
                  {"name": "b", "after": ["a"], "steps": [{"machine": "db-1"}]}]}
                """);
        Run r = run("plan", "validate", "--dir", dir.toString(), plan.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains(plan + ": $.groups[0].steps[0].machine: the vault knows no machine \"mail-1\" (it knows db-1, web-1)")
                .contains(plan + ": $.groups[1].steps[0].to: machine \"db-1\" has no target")
                .contains(plan + ": $.groups[0].after: the groups wait for each other in a cycle: \"a\" after \"b\" after \"a\"");
        assertThat(r.err()).contains("3 problems").doesNotContain("Exception");
        JsonNode j = JsonOutput.MAPPER.readTree(run("plan", "validate", "--dir", dir.toString(), plan.toString(), "--json").out());
        assertThat(j.get("valid").asBoolean()).isFalse();
        assertThat(j.get("problems")).hasSize(3);
        assertThat(j.get("problems").get(0).get("kind").asText()).isEqualTo("UNKNOWN_MACHINE");
    }

    @Test
    void aSyntaxErrorIsGivenByLine() throws Exception {
        Path plan = Files.writeString(tmp.resolve("broken.json"), "{\"name\": \"x\",\n \"groups\": [\n  {\"name\" \"a\"}]}\n");
        Run r = run("plan", "validate", "--dir", dir.toString(), plan.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains(plan + ": line 3, column ").contains("not JSON");
    }
}
