package io.lifeboat.cli.fleet;

import io.lifeboat.cli.DurationOption;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.vault.VaultDirOption;
import io.lifeboat.vault.events.VaultEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vault events}: the vault's event log. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Show the vault's event log, oldest first: enrolled, renewed, revoked, point, upload-failed,",
            "legacy-client-refused, handshake-failed, rpo-ok, rpo-warning, rpo-critical.",
            "JSON (--json): {events: [{time, type, machine, message, ...details}]}."})
public final class VaultEventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VaultDirOption dir;

    @Option(names = "--since", paramLabel = "DURATION", converter = DurationOption.class, defaultValue = "24h",
            description = "Only events of the last DURATION (default: ${DEFAULT-VALUE}).")
    Duration since;

    @Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE|-",
            description = "Write JSON to FILE, or to stdout when no FILE (or -) is given.")
    String json;

    @Override
    public Integer call() {
        // the vault's log: its folder's, or for a vault on a store the store's (every node's events)
        List<VaultEvent> events = dir.open(java.time.Clock.systemUTC()).events().since(Instant.now().minus(since));
        PrintWriter out = spec.commandLine().getOut();
        if (json != null) {
            JsonOutput.write(json, Map.of("events", events.stream().map(VaultEvent::toJson).toList()), System.out);
            return 0;
        }
        if (events.isEmpty()) {
            out.println("no events in the last " + since.toMinutes() + " minutes");
        }
        for (VaultEvent e : events) {
            out.printf("%s  %-22s %-16s %s%n", e.time(), e.type().id(), e.machine() == null ? "-" : e.machine(),
                    e.message() + (e.detail().containsKey("fix") ? " (fix: " + e.detail().get("fix") + ")" : ""));
        }
        out.flush();
        return 0;
    }
}
