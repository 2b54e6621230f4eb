package io.lifeboat.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifeboat.plan.PlanProblem.Kind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a plan's JSON strictly: a syntax error (or a key given twice) is reported with its line
 * and column; then every field is checked for presence and type, and any field the format does not
 * know is refused (a misspelt "prescript" must not be silently ignored on disaster day). Every
 * schema problem is collected, each with its JSON path.
 *
 * <pre>
 * {"name": "web tier",
 *  "groups": [
 *    {"name": "databases", "preScript": "/etc/lifeboat/fence-site.sh", "steps": [
 *       {"machine": "db-1", "source": "/dev/sdb", "point": "latest", "to": "/dev/vg-dr/db-1",
 *        "preScript": "/etc/lifeboat/fence.sh", "postScript": "/etc/lifeboat/start-db.sh"}],
 *     "pause": "check the database is up"},
 *    {"name": "web", "after": ["databases"], "steps": [{"machine": "web-1", "to": "/dev/vg-dr/web-1"}]}]}
 * </pre>
 */
public final class PlanParser {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> PLAN_FIELDS = Set.of("name", "groups");
    private static final Set<String> GROUP_FIELDS = Set.of("name", "after", "steps", "pause", "preScript", "postScript");
    private static final Set<String> STEP_FIELDS = Set.of("machine", "source", "point", "to", "preScript", "postScript");

    /** The plan (null when it could not be read at all) and the problems found reading it. */
    public record Parsed(Plan plan, List<PlanProblem> problems) {
    }

    private final List<PlanProblem> problems = new ArrayList<>();

    private PlanParser() {
    }

    public static Parsed parse(String json) {
        JsonNode root;
        try {
            root = STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "the file" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            return new Parsed(null, List.of(new PlanProblem(where, Kind.SYNTAX, "not JSON: " + e.getOriginalMessage())));
        }
        PlanParser p = new PlanParser();
        Plan plan = p.plan(root);
        return new Parsed(plan, List.copyOf(p.problems));
    }

    private Plan plan(JsonNode root) {
        if (root == null || !root.isObject()) {
            problems.add(new PlanProblem("$", Kind.SCHEMA, "a plan is a JSON object with \"name\" and \"groups\""));
            return null;
        }
        fields(root, "$", PLAN_FIELDS);
        String name = text(root, "$", "name", true);
        List<Plan.Group> groups = new ArrayList<>();
        JsonNode list = array(root, "$", "groups");
        for (int i = 0; list != null && i < list.size(); i++) {
            Plan.Group g = group(list.get(i), "$.groups[" + i + "]");
            if (g != null) {
                groups.add(g);
            }
        }
        return new Plan(name, groups);
    }

    private Plan.Group group(JsonNode node, String path) {
        if (!node.isObject()) {
            problems.add(new PlanProblem(path, Kind.SCHEMA, "a group is an object with \"name\" and \"steps\""));
            return null;
        }
        fields(node, path, GROUP_FIELDS);
        String name = text(node, path, "name", true);
        List<String> after = new ArrayList<>();
        JsonNode a = node.get("after");
        if (a != null) {
            if (!a.isArray()) {
                problems.add(new PlanProblem(path + ".after", Kind.SCHEMA, "\"after\" is a list of group names"));
            } else {
                for (int i = 0; i < a.size(); i++) {
                    if (a.get(i).isTextual()) {
                        after.add(a.get(i).asText());
                    } else {
                        problems.add(new PlanProblem(path + ".after[" + i + "]", Kind.SCHEMA, "a group name is a string"));
                    }
                }
            }
        }
        List<Plan.Step> steps = new ArrayList<>();
        JsonNode list = array(node, path, "steps");
        for (int i = 0; list != null && i < list.size(); i++) {
            Plan.Step s = step(list.get(i), path + ".steps[" + i + "]");
            if (s != null) {
                steps.add(s);
            }
        }
        return new Plan.Group(name, after, steps, text(node, path, "pause", false), text(node, path, "preScript", false),
                text(node, path, "postScript", false));
    }

    private Plan.Step step(JsonNode node, String path) {
        if (!node.isObject()) {
            problems.add(new PlanProblem(path, Kind.SCHEMA, "a step is an object with \"machine\" and \"to\""));
            return null;
        }
        fields(node, path, STEP_FIELDS);
        String point = text(node, path, "point", false);
        return new Plan.Step(text(node, path, "machine", true), text(node, path, "source", false),
                point == null ? "latest" : point, text(node, path, "to", false), text(node, path, "preScript", false),
                text(node, path, "postScript", false));
    }

    /** Refuses fields the format does not know. */
    private void fields(JsonNode node, String path, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                problems.add(new PlanProblem(path + "." + f, Kind.SCHEMA, "unknown field \"" + f + "\" (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")"));
            }
        }
    }

    /** A non-empty string field; null (and a problem when required) when absent or of the wrong type. */
    private String text(JsonNode node, String path, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(new PlanProblem(path + "." + field, Kind.SCHEMA, "\"" + field + "\" is missing"));
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(new PlanProblem(path + "." + field, Kind.SCHEMA, "\"" + field + "\" must be a non-empty string"));
            return null;
        }
        return v.asText();
    }

    /** A required non-empty array field. */
    private JsonNode array(JsonNode node, String path, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray() || v.isEmpty()) {
            problems.add(new PlanProblem(path + "." + field, Kind.SCHEMA, "\"" + field + "\" must be a non-empty list"));
            return null;
        }
        return v;
    }
}
