/**
 * Recovery plans: which machines fail over, in what order, to which targets, with which scripts,
 * and where a person must confirm before the next group starts.
 *
 * <p>A plan is a JSON file ({@link io.lifeboat.plan.PlanParser} reads it strictly: an unknown field,
 * a wrong type or a missing field is refused with its JSON path, a syntax error with its line and
 * column). {@link io.lifeboat.plan.PlanCheck} then holds it against the vault: every machine must be
 * known, every step must name a target, no two steps may write the same target, and the groups'
 * {@code after} references must name groups and form no cycle. Problems are values ({@link
 * io.lifeboat.plan.PlanProblem}), all of them reported at once, each with its JSON path.
 *
 * <p>Running ({@link io.lifeboat.plan.PlanRunner}): groups one after another in {@link
 * io.lifeboat.plan.PlanCheck#order}; in a group, its pre-script, then its steps at once (one thread
 * each: the step's pre-script, the failover, its post-script), then its post-script, then its pause.
 * The first failure stops the plan once the group's running steps have finished, and the report
 * ({@link io.lifeboat.plan.PlanReport}) names it. A test run restores into scratch targets and
 * reads them back.
 *
 * <p>Guarantees: the repository is only read (the caller opens it read-only), in a test run and a
 * real one; a test run writes nothing but its scratch targets (its scripts are the operator's and
 * run with {@code LIFEBOAT_TEST=1}); no step of a later group starts after a failure. Not
 * guaranteed: a failover cut short by another step's failure is not stopped (the group's steps
 * finish first), and scripts have no time limit.
 */
package io.lifeboat.plan;
