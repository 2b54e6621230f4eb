/**
 * {@code lifeboat plan validate} and {@code plan run}: read a recovery plan (JSON) and hold it
 * against the vault ({@code PlanFiles}), then, for run, one call into {@code io.lifeboat.plan.PlanRunner}
 * over the vault opened read-only. Options, validation, the terminal's pause prompt and rendering
 * (progress lines, the report as text or JSON) stay here.
 */
package io.lifeboat.cli.plan;
