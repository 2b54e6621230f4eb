package io.lifeboat.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.plan.PlanProblem.Kind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Named plan fixtures, each saying in its name what is wrong with it, and the problems they must give. */
class PlanCheckTest {
    static final Set<String> MACHINES = Set.of("db-1", "web-1", "web-2");

    /** Two groups, a pause, scripts, a source, and the second group after the first. */
    static final String GOOD = """
            {"name": "web tier",
             "groups": [
               {"name": "databases", "steps": [
                  {"machine": "db-1", "source": "/dev/sdb", "to": "/dev/vg-dr/db-1",
                   "preScript": "/etc/lifeboat/fence.sh", "postScript": "/etc/lifeboat/start-db.sh"}],
                "pause": "check the database is up"},
               {"name": "web", "after": ["databases"], "steps": [
                  {"machine": "web-1", "point": "latest", "to": "/dev/vg-dr/web-1"},
                  {"machine": "web-2", "to": "/dev/vg-dr/web-2"}]}]}
            """;

    static List<PlanProblem> problems(String json) {
        PlanParser.Parsed p = PlanParser.parse(json);
        if (!p.problems().isEmpty() || p.plan() == null) {
            return p.problems();
        }
        return PlanCheck.check(p.plan(), MACHINES);
    }

    @Test
    void aGoodPlanHasNoProblemsAndRunsInDependencyThenFileOrder() {
        assertThat(problems(GOOD)).isEmpty();
        Plan plan = PlanParser.parse(GOOD).plan();
        assertThat(plan.groups().get(0).pause()).isEqualTo("check the database is up");
        assertThat(plan.groups().get(1).steps().get(1).point()).isEqualTo("latest");
        assertThat(PlanCheck.order(plan)).containsExactly("databases", "web");
        Plan reversed = PlanParser.parse("""
                {"name": "r", "groups": [
                  {"name": "web", "after": ["db"], "steps": [{"machine": "web-1", "to": "/t/web"}]},
                  {"name": "db", "steps": [{"machine": "db-1", "to": "/t/db"}]}]}
                """).plan();
        assertThat(PlanCheck.check(reversed, MACHINES)).isEmpty();
        assertThat(PlanCheck.order(reversed)).containsExactly("db", "web");
    }

    @Test
    void aSyntaxErrorIsGivenByLineAndColumn() {
        List<PlanProblem> p = problems("{\"name\": \"x\",\n  \"groups\": [\n    {\"name\": \"a\" \"steps\": []}]}");
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(Kind.SYNTAX);
            assertThat(x.where()).startsWith("line 3, column ");
        });
        assertThat(problems("{\"name\": \"x\", \"name\": \"y\", \"groups\": []}"))
                .singleElement().extracting(PlanProblem::kind).isEqualTo(Kind.SYNTAX);
    }

    @Test
    void schemaProblemsAreAllGivenByJsonPath() {
        List<PlanProblem> p = problems("""
                {"name": "x", "groups": [
                  {"name": "a", "steps": [{"machine": 7, "to": "/t/a", "prescript": "/x.sh"}]},
                  {"steps": []},
                  "not a group"]}
                """);
        assertThat(p).extracting(PlanProblem::toString).containsExactly(
                "$.groups[0].steps[0].prescript: unknown field \"prescript\" (known: machine, point, postScript, preScript, source, to)",
                "$.groups[0].steps[0].machine: \"machine\" must be a non-empty string",
                "$.groups[1].name: \"name\" is missing",
                "$.groups[1].steps: \"steps\" must be a non-empty list",
                "$.groups[2]: a group is an object with \"name\" and \"steps\"");
        assertThat(problems("[]")).extracting(PlanProblem::where).containsExactly("$");
    }

    @Test
    void unknownMachinesMissingAndSharedTargetsAreRefusedByPath() {
        List<PlanProblem> p = problems("""
                {"name": "x", "groups": [
                  {"name": "a", "steps": [
                    {"machine": "db-9", "to": "/t/a"},
                    {"machine": "web-1"},
                    {"machine": "web-2", "to": "/t/a"}]}]}
                """);
        assertThat(p).extracting(PlanProblem::kind).containsExactly(Kind.UNKNOWN_MACHINE, Kind.MISSING_TARGET,
                Kind.DUPLICATE_TARGET);
        assertThat(p).extracting(PlanProblem::toString).containsExactly(
                "$.groups[0].steps[0].machine: the vault knows no machine \"db-9\" (it knows db-1, web-1, web-2)",
                "$.groups[0].steps[1].to: machine \"web-1\" has no target: add \"to\" (a file, device or folder)",
                "$.groups[0].steps[2].to: target /t/a is also written by $.groups[0].steps[0]");
    }

    @Test
    void cyclesUnknownAndDuplicateGroupsAreRefused() {
        List<PlanProblem> p = problems("""
                {"name": "x", "groups": [
                  {"name": "a", "after": ["c"], "steps": [{"machine": "db-1", "to": "/t/1"}]},
                  {"name": "b", "after": ["a", "nope"], "steps": [{"machine": "web-1", "to": "/t/2"}]},
                  {"name": "c", "after": ["b"], "steps": [{"machine": "web-2", "to": "/t/3"}]},
                  {"name": "a", "steps": [{"machine": "web-2", "to": "/t/4"}]}]}
                """);
        assertThat(p).extracting(PlanProblem::toString).containsExactly(
                "$.groups[3].name: group \"a\" is also $.groups[0]",
                "$.groups[1].after[1]: no group is named \"nope\"",
                "$.groups[0].after: the groups wait for each other in a cycle: \"a\" after \"c\" after \"b\" after \"a\"");
    }
}
