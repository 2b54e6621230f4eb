package io.lifeboat.cli.plan;

import io.lifeboat.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code lifeboat plan}: recovery plans, one command per line. */
@Command(name = "plan", header = "Check and run recovery plans (ordered groups of failovers).",
        description = "Recovery plans: which machines fail over, in what order, to which targets, with which"
                + " scripts and pauses. `validate` checks a plan against the vault; `run` runs it (`--test` into"
                + " scratch targets).",
        mixinStandardHelpOptions = true)
public final class PlanCommand extends CommandGroup {
    /** In the order `lifeboat plan --help` lists them; {@link io.lifeboat.cli.Main} builds only the one named. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            PlanValidateCommand.class,
            PlanRunCommand.class);

    public PlanCommand() {
        super(SUBCOMMANDS);
    }
}
