package io.lifeboat.cli;

import java.util.List;

/**
 * A command made of subcommands ({@code lifeboat}, {@code agent}, {@code vault}, {@code plan}) that
 * lists them here rather than in {@code @Command}'s {@code subcommands}, so that {@link Main} can
 * build only the one a command line names: picocli reads every option annotation of every command
 * it builds, and a fresh {@code agent protect} otherwise built the agent's other commands too before
 * its pass could start.
 */
public interface CommandGroup {
    /** The subcommands, in the order the group's help lists them. Keep one per line: each area adds its own. */
    List<Class<?>> subcommands();
}
