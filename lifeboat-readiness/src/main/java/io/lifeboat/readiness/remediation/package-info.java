/**
 * Remediation: the failed results' registry edits as one {@code .reg} file regedit imports
 * (version 5.00, UTF-16LE with BOM, CRLF), with the reasons and the non-registry actions as comments.
 *
 * <p>Guarantee (tested for every failing fixture): applying the file's edits to the same view makes
 * every registry rule PASS; OS and update needs stay as stated actions. Not given: Lifeboat never
 * applies the file, and Group Policy may put a policy value back.
 */
package io.lifeboat.readiness.remediation;
