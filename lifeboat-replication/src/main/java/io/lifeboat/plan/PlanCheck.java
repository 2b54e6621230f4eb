package io.lifeboat.plan;

import io.lifeboat.plan.PlanProblem.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds a parsed plan against the vault: machines known, targets named and not shared, group
 * names unique, {@code after} naming groups, and no cycle among them. A pure function of the plan
 * and the machine names, so it is tested without a vault.
 */
public final class PlanCheck {
    private PlanCheck() {
    }

    /** Every problem, in file order; none means the plan can be run. */
    public static List<PlanProblem> check(Plan plan, Set<String> knownMachines) {
        List<PlanProblem> problems = new ArrayList<>();
        Map<String, Integer> groupIndex = new LinkedHashMap<>();
        Map<String, String> targets = new HashMap<>();
        for (int g = 0; g < plan.groups().size(); g++) {
            Plan.Group group = plan.groups().get(g);
            String gp = "$.groups[" + g + "]";
            if (group.name() != null && groupIndex.putIfAbsent(group.name(), g) != null) {
                problems.add(new PlanProblem(gp + ".name", Kind.DUPLICATE_GROUP, "group \"" + group.name()
                        + "\" is also $.groups[" + groupIndex.get(group.name()) + "]"));
            }
            for (int s = 0; s < group.steps().size(); s++) {
                Plan.Step step = group.steps().get(s);
                String sp = gp + ".steps[" + s + "]";
                if (step.machine() != null && !knownMachines.contains(step.machine())) {
                    problems.add(new PlanProblem(sp + ".machine", Kind.UNKNOWN_MACHINE, "the vault knows no machine \""
                            + step.machine() + "\"" + known(knownMachines)));
                }
                if (step.to() == null) {
                    problems.add(new PlanProblem(sp + ".to", Kind.MISSING_TARGET, "machine \"" + step.machine()
                            + "\" has no target: add \"to\" (a file, device or folder)"));
                } else {
                    String first = targets.putIfAbsent(step.to(), sp);
                    if (first != null) {
                        problems.add(new PlanProblem(sp + ".to", Kind.DUPLICATE_TARGET, "target " + step.to()
                                + " is also written by " + first));
                    }
                }
            }
        }
        for (int g = 0; g < plan.groups().size(); g++) {
            List<String> after = plan.groups().get(g).after();
            for (int a = 0; a < after.size(); a++) {
                if (!groupIndex.containsKey(after.get(a))) {
                    problems.add(new PlanProblem("$.groups[" + g + "].after[" + a + "]", Kind.UNKNOWN_GROUP,
                            "no group is named \"" + after.get(a) + "\""));
                }
            }
        }
        cycle(plan, groupIndex).ifPresent(problems::add);
        return problems;
    }

    /**
     * The order the groups run in: each after the groups it names in {@code after}, otherwise in
     * file order (of the groups ready, the first in the file goes first). Only for a plan {@link
     * #check} found no problem in.
     */
    public static List<String> order(Plan plan) {
        Map<String, Integer> index = new HashMap<>();
        for (int g = 0; g < plan.groups().size(); g++) {
            index.put(plan.groups().get(g).name(), g);
        }
        List<String> out = new ArrayList<>();
        boolean[] done = new boolean[plan.groups().size()];
        while (out.size() < plan.groups().size()) {
            int next = -1;
            for (int g = 0; g < done.length && next < 0; g++) {
                if (!done[g] && plan.groups().get(g).after().stream().allMatch(a -> done[index.get(a)])) {
                    next = g;
                }
            }
            if (next < 0) {
                throw new IllegalStateException("the plan has a cycle: check it first");
            }
            done[next] = true;
            out.add(plan.groups().get(next).name());
        }
        return out;
    }

    private static String known(Set<String> machines) {
        if (machines.isEmpty()) {
            return " (it has no machines)";
        }
        List<String> sorted = machines.stream().sorted().limit(10).toList();
        return " (it knows " + String.join(", ", sorted) + (machines.size() > 10 ? ", ..." : "") + ")";
    }

    /** The first cycle among the groups' {@code after} edges, named group by group. */
    private static java.util.Optional<PlanProblem> cycle(Plan plan, Map<String, Integer> groupIndex) {
        int n = plan.groups().size();
        int[] state = new int[n]; // 0 new, 1 on the path, 2 done
        for (int g = 0; g < n; g++) {
            List<Integer> path = new ArrayList<>();
            List<Integer> found = visit(plan, groupIndex, g, state, path);
            if (found != null) {
                StringBuilder names = new StringBuilder();
                for (int i : found) {
                    names.append('"').append(plan.groups().get(i).name()).append("\" after ");
                }
                names.append('"').append(plan.groups().get(found.get(0)).name()).append('"');
                return java.util.Optional.of(new PlanProblem("$.groups[" + found.get(0) + "].after", Kind.CYCLE,
                        "the groups wait for each other in a cycle: " + names));
            }
        }
        return java.util.Optional.empty();
    }

    private static List<Integer> visit(Plan plan, Map<String, Integer> groupIndex, int g, int[] state, List<Integer> path) {
        if (state[g] == 2) {
            return null;
        }
        if (state[g] == 1) {
            return new ArrayList<>(path.subList(path.indexOf(g), path.size()));
        }
        state[g] = 1;
        path.add(g);
        for (String dep : plan.groups().get(g).after()) {
            Integer d = groupIndex.get(dep);
            if (d != null) {
                List<Integer> found = visit(plan, groupIndex, d, state, path);
                if (found != null) {
                    return found;
                }
            }
        }
        path.remove(path.size() - 1);
        state[g] = 2;
        return null;
    }
}
