/**
 * The vault's own HTTP routes and its authorisation handler, wired by
 * {@link io.lifeboat.vault.VaultServer}: enrolment (token + CSR, no client certificate), renewal and
 * health (mutual TLS). Every error is the one JSON shape of {@link io.lifeboat.vault.api.ApiErrors}.
 * Handlers that touch files or sign run as blocking handlers, off the event loop.
 */
package io.lifeboat.vault.http;
