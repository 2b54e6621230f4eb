package io.lifeboat.cli.plan;

import io.lifeboat.cli.vault.VaultDirOption;
import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanCheck;
import io.lifeboat.plan.PlanException;
import io.lifeboat.plan.PlanParser;
import io.lifeboat.plan.PlanProblem;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.store.MachineRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A plan file read and checked against the vault's machines, as `plan validate` and `plan run` both need it. */
final class PlanFiles {
    private PlanFiles() {
    }

    /** The problems of the plan at {@code file} (none: it may run) and the plan (null when unreadable). */
    record Checked(Plan plan, List<PlanProblem> problems) {
    }

    static Checked check(VaultDirOption dir, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot read plan " + file + ": " + e.getMessage());
        }
        Set<String> machines = dir.open(Clock.systemUTC()).listMachines().stream()
                .map(MachineRecord::name).collect(Collectors.toSet());
        PlanParser.Parsed parsed = PlanParser.parse(text);
        List<PlanProblem> problems = new ArrayList<>(parsed.problems());
        if (problems.isEmpty()) {
            problems.addAll(PlanCheck.check(parsed.plan(), machines));
        }
        return new Checked(parsed.plan(), problems);
    }

    /** The plan, or a {@link PlanException} (exit 2) after every problem was printed on standard error. */
    static Plan readChecked(VaultDirOption dir, Path file) {
        Checked c = check(dir, file);
        if (!c.problems().isEmpty()) {
            c.problems().forEach(p -> System.err.println(file + ": " + p));
            throw new PlanException(file.toString(), c.problems());
        }
        return c.plan();
    }
}
