/**
 * Commands for operating a fleet: {@code vault rpo}, {@code vault events}, {@code vault webhook},
 * {@code vault metrics-token}, {@code vault login-url}. Each is options, validation and one call into
 * {@code io.lifeboat.vault.ops} (or its sibling packages); rendering stays here.
 */
package io.lifeboat.cli.fleet;
