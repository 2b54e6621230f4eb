/**
 * The command line: picocli commands, rendering (text, JSON, progress) and exit codes.
 *
 * <p>This is the only module that reads flags, files named by the user and environment variables;
 * it turns them into immutable options for the core modules and maps their exceptions to the exit
 * codes of {@link io.lifeboat.cli.ExitCode} in one place. A user error prints one line, no stack trace.
 */
package io.lifeboat.cli;
