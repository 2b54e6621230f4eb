/**
 * How every command logs: one line per event on standard error (standard output stays for
 * reports, tokens and JSON), set up in code when the first logger is made.
 *
 * <p>In code rather than in a {@code logback.xml}: Logback's XML configurator (its SAX parser
 * and model building, run interpreted in a fresh JVM) cost about 0.2 s of CPU at every start, on
 * the thread that sets up an agent's connection to its vault.
 */
package io.lifeboat.cli.logging;
