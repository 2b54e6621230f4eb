/**
 * The vault's extension point: what other parts of Lifeboat code against to add routes to the
 * vault server ({@link io.lifeboat.vault.api.VaultRoutes}), learn who is calling
 * ({@link io.lifeboat.vault.api.Caller}) and answer errors in the one JSON shape
 * ({@link io.lifeboat.vault.api.ApiErrors}). Also the enrolment token, which both the vault (makes
 * it) and the agent (reads it) use ({@link io.lifeboat.vault.api.EnrolmentToken}).
 *
 * <p>Guarantee: a route registered through {@code VaultRoutes} is never reached without a valid,
 * unrevoked client certificate from the vault's CA. Not given: per-resource authorisation, which
 * each route set does itself against {@code Caller.machine()}.
 */
package io.lifeboat.vault.api;
