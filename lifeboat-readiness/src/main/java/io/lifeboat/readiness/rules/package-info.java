/**
 * The readiness rules: one rule per file (zlint's shape), each with an id, a Microsoft citation,
 * {@code appliesTo} and {@code evaluate}, listed in {@link io.lifeboat.readiness.rules.Rules#ALL}.
 *
 * <p>A rule reads a {@link io.lifeboat.readiness.rules.Machine} (a registry view plus the detected
 * {@link io.lifeboat.readiness.rules.OsInfo}) and returns a
 * {@link io.lifeboat.readiness.rules.RuleResult}: a {@link io.lifeboat.readiness.rules.Status} from the
 * closed vocabulary, the evidence (each value as seen, or absent with the default assumed) and a
 * {@link io.lifeboat.readiness.rules.Fix} (registry edits and/or an action). Rules never throw for
 * odd values; a hive too damaged to walk fails before rules run.
 *
 * <p>Defaults per OS family live in {@link io.lifeboat.readiness.rules.OsFamily}. When the OS cannot
 * be told (a SYSTEM hive alone), a rule that depends on a default says UNKNOWN, never FAIL.
 *
 * <p>Not given: Group Policy that is not yet in the registry, per-application overrides
 * (app.config {@code AppContext} switches), and proof that an update is installed when servicing
 * records are absent or the fix came in a rollup.
 */
package io.lifeboat.readiness.rules;
