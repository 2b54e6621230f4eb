/**
 * {@code lifeboat plan validate}: reads a recovery plan (JSON) and holds it against the vault.
 * Options, validation and one call into {@code io.lifeboat.plan}; rendering stays here. Running a
 * plan ({@code plan run}) is not built yet.
 */
package io.lifeboat.cli.plan;
