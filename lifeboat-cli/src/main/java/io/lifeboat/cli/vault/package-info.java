/**
 * {@code lifeboat vault ...}: options, validation and one call each into {@link io.lifeboat.vault.Vault}
 * or {@link io.lifeboat.vault.VaultServer}. {@link io.lifeboat.cli.vault.VaultRouteSets} lists the
 * route sets {@code vault serve} adds behind the mutual-TLS authorisation, one per line.
 */
package io.lifeboat.cli.vault;
