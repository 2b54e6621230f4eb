package io.lifeboat.cli.vault;

import io.lifeboat.vault.Vault;
import io.lifeboat.vault.events.EventRecorder;
import io.lifeboat.vault.store.MachineRecord;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vault revoke}: refuses a machine's certificates from its next request on, also while serving. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"Revoke a machine: every certificate it holds is refused from its next request on,",
            "also by a running `vault serve`. It can enrol again only with a new token."})
public final class VaultRevokeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VaultDirOption dir;

    @Option(names = "--machine", required = true, paramLabel = "NAME", description = "The machine to revoke.")
    String machine;

    @Override
    public Integer call() {
        Vault vault = dir.open(Clock.systemUTC());
        // the revocation goes into the vault's event log, also when no vault serves
        vault.listener(new EventRecorder(vault.events(), vault.clock()));
        MachineRecord r = vault.revoke(machine);
        spec.commandLine().getOut().println("vault: revoked machine " + r.name() + " (at " + r.revoked() + ")");
        return 0;
    }
}
