package io.lifeboat.cli.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.repository.StoragePolicy;
import io.lifeboat.repository.StoragePolicyCodec;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.store.MachineRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vault machines}: the enrolled machines, as a table or JSON. */
@Command(name = "machines", mixinStandardHelpOptions = true,
        description = "List the machines enrolled with the vault, their status, certificate expiry and retention.")
public final class VaultMachinesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VaultDirOption dir;

    @Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE|-",
            description = "Write JSON to FILE, or to stdout when no FILE (or -) is given.")
    String json;

    /**
     * The JSON schema of one machine (stable): name, status ACTIVE|REVOKED, times as ISO-8601, and the
     * retention rules that apply to it (its own, or the vault's default) as {@code vault policy} writes them.
     */
    public record MachineView(String name, String status, Instant enrolled, Instant revoked,
            Instant certificateNotAfter, String certificateSha256, JsonNode retention) {
        static MachineView of(MachineRecord r, StoragePolicy policy) {
            var certs = r.certificates();
            return new MachineView(r.name(), r.status().name(), r.enrolled(), r.revoked(), r.notAfter(),
                    certs.isEmpty() ? null : certs.get(certs.size() - 1).fingerprint(),
                    StoragePolicyCodec.node(policy.retentionOf(r.name())));
        }
    }

    /** The JSON report: the machines and the vault's storage policy (the form of {@code VAULT/policy.json}). */
    public record Report(List<MachineView> machines, JsonNode policy) {
    }

    @Override
    public Integer call() throws java.io.IOException {
        Vault vault = dir.open(Clock.systemUTC());
        StoragePolicy policy = vault.policy().read();
        List<MachineView> views = vault.listMachines().stream().map(r -> MachineView.of(r, policy)).toList();
        Report report = new Report(views, StoragePolicyCodec.node(policy));
        var out = spec.commandLine().getOut();
        if (json != null) {
            if ("-".equals(json)) {
                out.print(JsonOutput.MAPPER.writeValueAsString(report) + System.lineSeparator());
                out.flush();
            } else {
                JsonOutput.write(json, report, System.out);
                printTable(views, out);
                PolicyText.print(policy, out);
            }
            return 0;
        }
        printTable(views, out);
        PolicyText.print(policy, out);
        return 0;
    }

    private static void printTable(List<MachineView> views, java.io.PrintWriter out) {
        if (views.isEmpty()) {
            out.println("no machines enrolled (make a token with `lifeboat vault enroll --machine NAME`)");
            return;
        }
        out.printf("%-24s %-8s %-22s %s%n", "MACHINE", "STATUS", "CERTIFICATE UNTIL", "ENROLLED");
        for (MachineView v : views) {
            out.printf("%-24s %-8s %-22s %s%n", v.name(), v.status(), v.certificateNotAfter(), v.enrolled());
        }
    }
}
