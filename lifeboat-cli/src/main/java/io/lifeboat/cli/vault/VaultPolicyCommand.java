package io.lifeboat.cli.vault;

import io.lifeboat.cli.JsonOutput;
import io.lifeboat.repository.StoragePolicy;
import io.lifeboat.repository.StoragePolicyCodec;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.vault.MachineName;
import io.lifeboat.vault.VaultConfig;
import io.lifeboat.vault.store.PolicyFile;
import io.lifeboat.vault.store.PolicyStore;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vault policy}: show or set the vault's storage policy ({@code VAULT/policy.json}). */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Show or set how the vault keeps recovery points: retention rules per (machine, source), the lock",
            "period within which no point is deleted, and the free-space reserve. Without options it shows the policy.",
            "Rules given replace the rule set of the vault (or of --machine). A serving vault follows a change at its",
            "next commit, without a restart. Only the vault's operator can change this: no machine request can."})
public final class VaultPolicyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VaultDirOption dir;

    @Mixin
    PolicyOptions options;

    @Option(names = "--machine", paramLabel = "NAME", description = "Set this machine's own rules instead of the vault's default.")
    String machine;

    @Option(names = "--reset", description = "Back to the defaults (with --machine: drop that machine's own rules).")
    boolean reset;

    @Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE|-",
            description = "Write the policy as JSON (the form of VAULT/policy.json) to FILE, or to stdout.")
    String json;

    @Override
    public Integer call() throws IOException {
        VaultConfig.read(dir.layout()); // a vault folder, or a clear error
        Optional<String> m = Optional.ofNullable(machine);
        m.ifPresent(MachineName::require);
        if (reset && options.anyGiven()) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, "--reset takes no rules: give one or the other");
        }
        PolicyStore file = io.lifeboat.cli.repo.VaultDir.policy(dir.layout().dir());
        String where = file instanceof PolicyFile f ? f.file().toString() : VaultConfig.read(dir.layout()).store() + " (every node)";
        boolean absent = file instanceof PolicyFile f && !java.nio.file.Files.exists(f.file());
        StoragePolicy before = file.read();
        StoragePolicy after = reset ? m.map(x -> before.withMachine(x, null)).orElse(StoragePolicy.DEFAULT)
                : options.applyTo(before, m);
        var out = spec.commandLine().getOut();
        if (!after.equals(before) || (reset && absent)) {
            file.write(after);
            if (json == null || !"-".equals(json)) {
                out.println("vault: policy written to " + where);
            }
        }
        if (json != null) {
            JsonOutput.write(json, StoragePolicyCodec.node(after), System.out);
        } else {
            PolicyText.print(after, out);
        }
        return 0;
    }
}
