package io.lifeboat.readiness.reg;

import io.lifeboat.readiness.registry.RegistryFormatException;
import java.util.List;
import java.util.stream.Collectors;

/** A .reg file with malformed lines; the message names the file and every bad line number. */
public final class RegFileException extends RegistryFormatException {
    private static final long serialVersionUID = 1L;
    private final transient List<RegProblem> problems;

    public RegFileException(String source, List<RegProblem> problems) {
        super(source + ": " + problems.size() + " malformed line" + (problems.size() == 1 ? "" : "s")
                + " (regedit would skip or refuse them): "
                + problems.stream().map(RegProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<RegProblem> problems() {
        return problems;
    }
}
