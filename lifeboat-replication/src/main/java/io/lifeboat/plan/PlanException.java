package io.lifeboat.plan;

import io.lifeboat.tls.LifeboatException;
import java.util.List;

/** A plan that cannot be used: its problems, each with where it is. A usage error (exit 2). */
public final class PlanException extends LifeboatException {
    private static final long serialVersionUID = 1L;

    private final transient List<PlanProblem> problems;

    public PlanException(String file, List<PlanProblem> problems) {
        super(Kind.USAGE, file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ", first "
                + problems.get(0));
        this.problems = List.copyOf(problems);
    }

    public List<PlanProblem> problems() {
        return problems;
    }
}
