package io.lifeboat.vault;

import io.lifeboat.replication.protocol.Limits;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.http.ConnectionGuard;
import io.lifeboat.vault.store.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * The vault's settings ({@code V/vault.json}), written by {@code vault init}.
 *
 * @param listen          where {@code vault serve} listens (port 0: any free port)
 * @param hosts           the names in the server certificate besides 127.0.0.1
 * @param certificateDays lifetime of machine certificates (default 30)
 * @param bodyLimit       the largest request body in bytes (default 64 MiB)
 * @param store           where the repository is: null for the vault's own folder ({@code V/repo/}),
 *                        else a store URL ({@code azure-blob://CONTAINER[/PREFIX]})
 * @param credentialsFile the file (0600) holding the store's connection string, or null to take it from
 *                        the environment ({@code AZURE_STORAGE_CONNECTION_STRING}); never the secret itself
 * @param connections     how many connections clients may hold at once, or null for the defaults
 *                        ({@link ConnectionShares}; set by editing the file)
 */
public record VaultConfig(String listen, List<String> hosts, int certificateDays, long bodyLimit, String store,
        String credentialsFile, ConnectionShares connections) {
    public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 7443);
    public static final int DEFAULT_CERTIFICATE_DAYS = 30;
    public static final long DEFAULT_BODY_LIMIT = 64L << 20;
    /** The smallest body limit: an agent's block batch may be {@link Limits#MAX_BATCH_BYTES}. */
    public static final long MIN_BODY_LIMIT = Limits.MAX_BATCH_BYTES;

    public VaultConfig {
        HostPort.parse(listen);
        hosts = List.copyOf(hosts);
        if (certificateDays < 1) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "certificateDays must be at least 1");
        }
        if (bodyLimit < MIN_BODY_LIMIT) {
            // below it an agent's block batches (up to Limits.MAX_BATCH_BYTES) would be refused with 413 at every pass
            throw new LifeboatException(LifeboatException.Kind.USAGE, "bodyLimit " + bodyLimit + " is too small: it must be"
                    + " at least " + MIN_BODY_LIMIT + " bytes (32 MiB), the largest block batch an agent may send");
        }
    }

    /** Settings with the repository in the vault's own folder (a vault.json from before stores had these). */
    public VaultConfig(String listen, List<String> hosts, int certificateDays, long bodyLimit) {
        this(listen, hosts, certificateDays, bodyLimit, null, null, null);
    }

    public static VaultConfig defaults(HostPort listen, List<String> hosts) {
        return new VaultConfig(listen.toString(), hosts, DEFAULT_CERTIFICATE_DAYS, DEFAULT_BODY_LIMIT);
    }

    /** The same settings with the repository on {@code store}, its connection string in {@code credentialsFile} (or null). */
    public VaultConfig withStore(String store, String credentialsFile) {
        return new VaultConfig(listen, hosts, certificateDays, bodyLimit, store, credentialsFile, connections);
    }

    /** The limits of {@code vault serve}'s connections: {@link #connections}, the defaults where it is silent. */
    public ConnectionGuard.Limits connectionLimits() {
        return connections == null ? ConnectionGuard.Limits.DEFAULT : connections.limits();
    }

    public HostPort listenAddress() {
        return HostPort.parse(listen);
    }

    public Duration certificateLifetime() {
        return Duration.ofDays(certificateDays);
    }

    /** @throws LifeboatException USAGE when the folder is not an initialised vault */
    public static VaultConfig read(VaultLayout layout) {
        if (!Files.isRegularFile(layout.config())) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, layout.dir()
                    + " is not a vault folder (no vault.json): run `lifeboat vault init --dir " + layout.dir() + "`");
        }
        return JsonFiles.read(layout.config(), VaultConfig.class);
    }

    public void write(VaultLayout layout) throws IOException {
        JsonFiles.write(layout.config(), this, false);
    }
}
