/**
 * The repository commands: {@code points}, {@code failover} and {@code verify}. Each is options,
 * validation and one call into {@code io.lifeboat.repository} or {@code io.lifeboat.restore}; they
 * open the vault's repository ({@code VAULT/repo/}) read-only through {@link io.lifeboat.cli.repo.VaultDir},
 * so they take no lock and change nothing, and run safely while {@code vault serve} writes.
 * Progress is rendered here: the shared {@code ProgressBar} on stderr, or JSON lines with {@code --json}.
 */
package io.lifeboat.cli.repo;
