package io.lifeboat.cli.vault;

import io.lifeboat.cli.repo.VaultDir;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.VaultConfig;
import io.lifeboat.vault.VaultLayout;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** The {@code --dir VAULT} option every vault command has. */
public final class VaultDirOption {
    @Option(names = "--dir", required = true, paramLabel = "VAULT", description = "The vault folder.")
    Path dir;

    public VaultLayout layout() {
        return new VaultLayout(dir);
    }

    /**
     * Opens the vault: its folder's state, or, for a vault on a store ({@code vault.json} names one), the
     * state in the store, reached with the recorded credentials.
     */
    public Vault open(Clock clock) {
        VaultConfig config = VaultConfig.read(layout());
        if (config.store() == null) {
            return Vault.open(layout(), clock);
        }
        return Vault.open(layout(), VaultDir.backend(layout().dir()), clock);
    }
}
