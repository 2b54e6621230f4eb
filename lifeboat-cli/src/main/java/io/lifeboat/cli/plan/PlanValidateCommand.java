package io.lifeboat.cli.plan;

import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.vault.VaultDirOption;
import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanCheck;
import io.lifeboat.plan.PlanException;
import io.lifeboat.plan.PlanParser;
import io.lifeboat.plan.PlanProblem;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lifeboat plan validate --dir VAULT PLAN}: every problem of a plan, each with where it is. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        header = "Check a recovery plan against the vault.",
        description = {"Read PLAN (JSON: {name, groups: [{name, after?, pause?, preScript?, postScript?, steps:"
                + " [{machine, source?, point?, to, preScript?, postScript?}]}]}, see docs/disaster-day.md) and check it against the vault's"
                + " enrolled machines: a syntax error is given by line and column; unknown fields, wrong types,"
                + " unknown machines, missing or shared targets, unknown or duplicate groups and cycles among"
                + " `after` are each given by JSON path. All problems are listed; exit 2 when there is one.",
            "JSON (--json): {valid, groups, steps, order, problems: [{where, kind, message}]}."})
public final class PlanValidateCommand implements Callable<Integer> {
    @Mixin
    VaultDirOption dir;

    @Parameters(index = "0", paramLabel = "PLAN", description = "the plan file (JSON)")
    Path plan;

    @Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE",
            description = "write the result as JSON to FILE, or to standard output when FILE is omitted or -")
    String json;

    @Override
    public Integer call() {
        PlanFiles.Checked checked = PlanFiles.check(dir, plan);
        PlanParser.Parsed parsed = new PlanParser.Parsed(checked.plan(), checked.problems());
        List<PlanProblem> problems = checked.problems();
        PrintStream out = System.out;
        if (json != null) {
            JsonOutput.write(json, toJson(parsed.plan(), problems), out);
        } else if (problems.isEmpty()) {
            out.println(plan + ": valid: " + summary(parsed.plan()));
        } else {
            problems.forEach(p -> out.println(plan + ": " + p));
        }
        if (!problems.isEmpty()) {
            throw new PlanException(plan.toString(), problems);
        }
        return 0;
    }

    private static String summary(Plan p) {
        int steps = p.groups().stream().mapToInt(g -> g.steps().size()).sum();
        return p.groups().size() + " groups, " + steps + " failovers, in this order: "
                + String.join(", ", PlanCheck.order(p));
    }

    private static Map<String, Object> toJson(Plan p, List<PlanProblem> problems) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", problems.isEmpty());
        m.put("groups", p == null ? 0 : p.groups().size());
        m.put("steps", p == null ? 0 : p.groups().stream().mapToInt(g -> g.steps().size()).sum());
        m.put("order", problems.isEmpty() ? PlanCheck.order(p) : List.of());
        m.put("problems", problems.stream().map(x -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("where", x.where());
            e.put("kind", x.kind().name());
            e.put("message", x.message());
            return e;
        }).toList());
        return m;
    }
}
