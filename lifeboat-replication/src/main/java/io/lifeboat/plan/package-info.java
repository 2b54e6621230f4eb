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
 * <p>Not here yet: running a plan ({@code plan run}), and consistency groups across machines.
 */
package io.lifeboat.plan;
