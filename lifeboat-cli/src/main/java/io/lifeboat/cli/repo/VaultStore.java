package io.lifeboat.cli.repo;

import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.LocalBackend;
import io.lifeboat.repository.backend.azure.AzureBlobBackend;
import io.lifeboat.repository.backend.azure.AzureBlobStore;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The store a vault's repository is on, as {@code vault.json} records it: the vault's own folder
 * ({@code VAULT/repo/}) when it names none, else an Azure Blob store whose connection string comes from
 * the credentials file recorded with it (owner-only, 0600) or from {@code AZURE_STORAGE_CONNECTION_STRING}.
 * The one place the CLI turns a store URL and a secret into a {@link Backend}.
 */
public final class VaultStore {
    /** The Azure SDK's conventional variable for a storage account's connection string. */
    public static final String CONNECTION_STRING_ENV = "AZURE_STORAGE_CONNECTION_STRING";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private VaultStore() {
    }

    /**
     * Opens the store: {@code localRepo} when {@code store} is null, else the Azure Blob store, checked
     * (the container exists, the credentials are accepted) before anything is written.
     */
    public static Backend open(String store, String credentialsFile, Path localRepo, Map<String, String> env) {
        if (store == null) {
            return new LocalBackend(localRepo);
        }
        return AzureBlobBackend.open(parse(store), connectionString(store, credentialsFile, env));
    }

    /** The store URL checked: only {@code azure-blob://CONTAINER[/PREFIX]} is known. */
    public static AzureBlobStore parse(String store) {
        if (!AzureBlobStore.isStoreUrl(store)) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--store " + store
                    + " is not a store Lifeboat knows: give azure-blob://CONTAINER[/PREFIX], or leave --store out for the vault's own folder");
        }
        try {
            return AzureBlobStore.parse(store);
        } catch (IllegalArgumentException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--store " + store + ": " + e.getMessage());
        }
    }

    /** The connection string: from {@code credentialsFile} when given (refused unless owner-only), else from the environment. */
    static String connectionString(String store, String credentialsFile, Map<String, String> env) {
        if (credentialsFile == null) {
            String s = env.get(CONNECTION_STRING_ENV);
            if (s == null || s.isBlank()) {
                throw new LifeboatException(LifeboatException.Kind.USAGE, store + " needs the storage account's connection string: set "
                        + CONNECTION_STRING_ENV + " or give --credentials-file FILE (0600) to `vault init`");
            }
            return s.trim();
        }
        Path file = Path.of(credentialsFile);
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY.containsAll(mode)) {
                    throw new LifeboatException(LifeboatException.Kind.USAGE, "the credentials file " + file + " for " + store
                            + " may be read by others (" + PosixFilePermissions.toString(mode) + "); run chmod 600 " + file);
                }
            }
            String s = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (s.isEmpty()) {
                throw new LifeboatException(LifeboatException.Kind.USAGE, "the credentials file " + file + " for " + store
                        + " is empty; put the storage account's connection string in it");
            }
            return s;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "the credentials file " + file + " for " + store
                    + " does not exist; give the file that holds the connection string");
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "cannot read the credentials file " + file + " for " + store
                    + ": " + e.getMessage());
        }
    }
}
