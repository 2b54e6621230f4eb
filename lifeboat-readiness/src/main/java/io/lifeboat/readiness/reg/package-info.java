/**
 * The {@code .reg} text format: {@link io.lifeboat.readiness.reg.RegFileReader} turns a file into
 * {@link io.lifeboat.readiness.registry.RegistryEdit}s plus line-numbered errors and notices;
 * {@link io.lifeboat.readiness.reg.RegFileWriter} writes edits as regedit imports them (version 5.00,
 * UTF-16LE with BOM, CRLF).
 *
 * <p>Leniency is decided here once: what is accepted with a notice and what is an error is listed on
 * {@link io.lifeboat.readiness.reg.RegFileReader}. A file with errors is never applied in part by the
 * CLI: the user gets every bad line number and exit code 2.
 *
 * <p>Not given: HKEY_CURRENT_USER and other roots are parsed and kept, but the rules only read
 * HKEY_LOCAL_MACHINE; regedit's handling of embedded NULs inside quoted strings is not imitated.
 */
package io.lifeboat.readiness.reg;
