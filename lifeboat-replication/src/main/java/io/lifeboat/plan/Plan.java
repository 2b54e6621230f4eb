package io.lifeboat.plan;

import java.util.List;

/**
 * A recovery plan: its groups run one after another, each after the groups it names in {@code
 * after}, and otherwise in file order ({@link PlanCheck#order}).
 *
 * @param name   what the plan recovers
 * @param groups in file order
 */
public record Plan(String name, List<Group> groups) {
    public Plan {
        groups = List.copyOf(groups);
    }

    /**
     * One group: its pre-script runs, then its steps fail over together (in parallel), then its
     * post-script; then, when {@code pause} is set, a person confirms (the text says what to check)
     * before any later group starts.
     *
     * @param after      names of groups that must finish first (besides the file order)
     * @param pause      null for none
     * @param preScript  a shell command run before the group's steps; null for none
     * @param postScript a shell command run after all of them succeeded; null for none
     */
    public record Group(String name, List<String> after, List<Step> steps, String pause, String preScript,
            String postScript) {
        public Group {
            after = List.copyOf(after);
            steps = List.copyOf(steps);
        }

        public Group(String name, List<String> after, List<Step> steps, String pause) {
            this(name, after, steps, pause, null, null);
        }
    }

    /**
     * One failover.
     *
     * @param machine    the protected machine, as the vault knows it
     * @param source     the source path of the machine's points to use; null when it has one
     * @param point      "latest", an id or a prefix
     * @param to         the target (file, device or folder); null when missing, which the check refuses
     * @param preScript  a shell command run before the failover; null for none
     * @param postScript a shell command run after it succeeded; null for none
     */
    public record Step(String machine, String source, String point, String to, String preScript, String postScript) {
    }
}
