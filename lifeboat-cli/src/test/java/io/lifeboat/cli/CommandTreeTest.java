package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Which commands {@link Main#newCommandLine(String...)} builds: at each level only the one the
 * command line names, and the whole level when it names none, so that help and picocli's
 * suggestions still list every command.
 */
class CommandTreeTest {
    private static CommandLine sub(CommandLine cl, String... path) {
        for (String name : path) {
            cl = cl.getSubcommands().get(name);
        }
        return cl;
    }

    @Test
    void aNamedCommandIsBuiltAloneAtEachLevel() {
        CommandLine cl = Main.newCommandLine("agent", "protect", "--dir", "A", "--once", "img");
        assertThat(cl.getSubcommands().keySet()).containsExactly("agent");
        assertThat(sub(cl, "agent").getSubcommands().keySet()).containsExactly("protect");

        assertThat(sub(Main.newCommandLine("vault", "serve", "--dir", "V"), "vault").getSubcommands().keySet())
                .containsExactly("serve");
        assertThat(sub(Main.newCommandLine("plan", "validate", "p.json"), "plan").getSubcommands().keySet())
                .containsExactly("validate");
        // a failover builds no other command: its start is on the one thread before its first block
        assertThat(Main.newCommandLine("failover", "--dir", "V", "--machine", "m", "--to", "t").getSubcommands().keySet())
                .containsExactly("failover");
        // a group of the third level keeps its own subcommands (its @Command lists them)
        assertThat(sub(Main.newCommandLine("vault", "group", "list"), "vault", "group").getSubcommands().keySet())
                .contains("set", "list");
    }

    @Test
    void aLevelThatNamesNoCommandGetsThemAll() {
        assertThat(sub(Main.newCommandLine("agent", "--help"), "agent").getSubcommands().keySet())
                .containsExactly("enroll", "protect", "renew", "install-service");
        assertThat(sub(Main.newCommandLine("agent"), "agent").getSubcommands()).hasSize(4);
        assertThat(sub(Main.newCommandLine(), "vault").getSubcommands()).containsKeys("init", "serve", "group");
        assertThat(sub(Main.newCommandLine(), "plan").getSubcommands()).containsKeys("validate", "run");
    }

    @Test
    void helpListsEveryCommandOfTheLevel() {
        String help = run("agent", "--help").out;
        assertThat(help).contains("enroll", "protect", "renew", "install-service");
    }

    @Test
    void aTypoIsAnsweredWithASuggestion() {
        Run r = run("agent", "protec", "--dir", "A");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("protect");
    }

    @Test
    void aGroupWithoutItsCommandIsAUsageErrorPointingAtItsHelp() {
        assertThat(run()).extracting(Run::code).isEqualTo(2);
        assertThat(run().err).contains("Missing command: see `lifeboat --help`");
        for (String group : new String[] {"agent", "vault", "plan"}) {
            Run r = run(group);
            assertThat(r.code).as(group).isEqualTo(2);
            assertThat(r.err).contains("Missing " + group + " command: see `lifeboat " + group + " --help`");
        }
    }

    @Test
    void theNamedCommandRunsAsBefore() {
        Run r = run("agent", "protect", "--help");
        assertThat(r.code).isZero();
        assertThat(r.out).contains("--once", "--dir");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.newCommandLine(args).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
