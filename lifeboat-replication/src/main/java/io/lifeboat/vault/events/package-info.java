/**
 * The vault's event log: what happened to the fleet, one JSON object per line in
 * {@code V/events/events.jsonl}.
 *
 * <p>Design: every writer (the serving vault, and commands such as {@code vault revoke} run beside
 * it) appends one line under an exclusive file lock, so lines from two processes never interleave.
 * When the file passes its size bound it is renamed to {@code events.1.jsonl} (older files shift
 * up, the oldest beyond the kept count is deleted) under the same lock, so the log is bounded and
 * readers see every line in one file or the next. Readers take no lock: a line is written with one
 * {@code write} call and a partial last line (a crash mid-append) is skipped.
 *
 * <p>Not given: the log is a record for operators, not the source of truth. Health is computed from
 * the repository and machine registry; losing the log loses history, never state. Events are not
 * fsynced one by one (a crash may lose the last few).
 */
package io.lifeboat.vault.events;
