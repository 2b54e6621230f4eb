package io.lifeboat.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The plan schema's group scripts: read when given, refused by path when of the wrong type. */
class PlanParserTest {
    @Test
    void aGroupMayHaveItsOwnScripts() {
        PlanParser.Parsed p = PlanParser.parse("""
                {"name": "p", "groups": [{"name": "g", "preScript": "fence.sh", "postScript": "start.sh",
                  "steps": [{"machine": "m", "to": "/t"}]}]}
                """);
        assertThat(p.problems()).isEmpty();
        Plan.Group g = p.plan().groups().get(0);
        assertThat(g.preScript()).isEqualTo("fence.sh");
        assertThat(g.postScript()).isEqualTo("start.sh");
        assertThat(g.steps().get(0).point()).isEqualTo("latest");
    }

    @Test
    void aBadGroupScriptIsRefusedByItsPath() {
        PlanParser.Parsed p = PlanParser.parse("""
                {"name": "p", "groups": [{"name": "g", "postscript": "x", "preScript": 3,
                  "steps": [{"machine": "m", "to": "/t"}]}]}
                """);
        assertThat(p.problems()).extracting(PlanProblem::toString).containsExactly(
                "$.groups[0].postscript: unknown field \"postscript\" (known: after, name, pause, postScript, preScript, steps)",
                "$.groups[0].preScript: \"preScript\" must be a non-empty string");
    }
}
