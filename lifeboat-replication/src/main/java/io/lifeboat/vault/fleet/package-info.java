/**
 * A vault served with fleet operations: the one place where the server, the fleet operations
 * ({@code ops}: events, RPO monitor, metrics, webhooks) and the dashboard are assembled, used by
 * {@code vault serve} and by the tests alike.
 */
package io.lifeboat.vault.fleet;
