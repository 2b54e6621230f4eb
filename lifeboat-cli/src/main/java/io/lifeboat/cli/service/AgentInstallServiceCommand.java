package io.lifeboat.cli.service;

import io.lifeboat.cli.DurationOption;
import io.lifeboat.tls.LifeboatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agent install-service}: a systemd unit and config file for continuous {@code agent protect}. */
@Command(name = "install-service", mixinStandardHelpOptions = true,
        description = {"Write a systemd unit (lifeboat-agent.service) and its config file (agent.properties) that run",
            "`agent protect` of every PATH continuously (to --rpo, or every --interval), restarted on failure.",
            "It runs as root to read any file or device, but keeps only CAP_DAC_READ_SEARCH and may write only",
            "the agent folder. Then: systemctl daemon-reload; systemctl enable --now lifeboat-agent."})
public final class AgentInstallServiceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "AGENT", description = "The enrolled agent folder.")
    Path dir;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "What to protect.")
    List<Path> paths;

    @Option(names = "--rpo", paramLabel = "DURATION", converter = DurationOption.class,
            description = "Protect to this RPO target (see `agent protect --rpo`).")
    Duration rpo;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationOption.class,
            description = "Or take a point every DURATION.")
    Duration interval;

    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(dir.resolve("agent.json"))) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, dir + " is not an enrolled agent folder"
                    + " (run `lifeboat agent enroll TOKEN --dir " + dir + "` first)");
        }
        Path config = service.configDir.resolve("agent.properties").toAbsolutePath();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("dir", dir.toAbsolutePath().toString());
        for (int i = 0; i < paths.size(); i++) {
            values.put("path." + (i + 1), paths.get(i).toAbsolutePath().toString());
        }
        if (rpo != null) {
            values.put("rpo", rpo.toSeconds() + "s");
        }
        if (interval != null) {
            values.put("interval", interval.toSeconds() + "s");
        }
        SystemdUnit unit = new SystemdUnit("Lifeboat agent (continuous protection over TLS 1.2+)",
                service.executable.toAbsolutePath() + " agent protect --config " + config, "root",
                List.of(dir.toAbsolutePath()), true);
        Path unitFile = service.unitDir.resolve("lifeboat-agent.service");
        ServiceFiles.write(unitFile, unit, config, values, service.force);
        spec.commandLine().getOut().println("agent: wrote " + unitFile + " and " + config);
        return 0;
    }
}
