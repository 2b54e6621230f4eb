package io.lifeboat.agent;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.HostPort;
import io.lifeboat.vault.store.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The agent's settings ({@code A/agent.json}), written by {@code agent enroll}.
 *
 * @param vault   the vault's address, HOST:PORT
 * @param machine this machine's name at the vault (the CN of {@code machine.crt})
 */
public record AgentConfig(String vault, String machine) {

    public HostPort vaultAddress() {
        return HostPort.parse(vault);
    }

    /** @throws LifeboatException USAGE when the folder is not an enrolled agent */
    public static AgentConfig read(AgentLayout layout) {
        if (!Files.isRegularFile(layout.config())) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, layout.dir()
                    + " is not an enrolled agent folder (no agent.json): run `lifeboat agent enroll TOKEN --dir "
                    + layout.dir() + "`");
        }
        return JsonFiles.read(layout.config(), AgentConfig.class);
    }

    public void write(AgentLayout layout) throws IOException {
        JsonFiles.write(layout.config(), this, false);
    }
}
