package io.lifeboat.cli.vault;

import io.lifeboat.vault.VaultLayout;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --dir VAULT} option every vault command has. */
public final class VaultDirOption {
    @Option(names = "--dir", required = true, paramLabel = "VAULT", description = "The vault folder.")
    Path dir;

    public VaultLayout layout() {
        return new VaultLayout(dir);
    }
}
