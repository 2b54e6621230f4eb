/**
 * Remediation: the results' registry edits as one {@code .reg} file regedit imports (version 5.00,
 * UTF-16LE with BOM, CRLF), with the reasons and the non-registry actions as comments.
 *
 * <p>Guarantees (tested for every OS family and scenario fixture): the default file applied to its input
 * makes every required registry rule PASS, changes no legacy protocol, and never lowers a WinHTTP or
 * SCHANNEL setting below what the OS had; {@code --harden} also makes every registry rule PASS where
 * TLS 1.2 is shown to work. OS-dependent values (WinHTTP) are computed from the OS and left out, with
 * the reason, when the OS is unknown. Not given: Lifeboat never applies the file, and Group Policy may
 * put a policy value back.
 */
package io.lifeboat.readiness.remediation;
