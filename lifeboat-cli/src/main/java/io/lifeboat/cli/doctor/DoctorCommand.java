package io.lifeboat.cli.doctor;

import io.lifeboat.cli.DurationOption;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.diagnosis.AnchorSource;
import io.lifeboat.tls.diagnosis.Classifier;
import io.lifeboat.tls.diagnosis.ConnectionEvidence;
import io.lifeboat.tls.diagnosis.probe.ConnectionProbe;
import io.lifeboat.tls.diagnosis.probe.ProbeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lifeboat doctor HOST:PORT}: connect as an agent would and name what is wrong, the evidence and the fix. */
@Command(name = "doctor",
        header = "Explain why a TLS connection fails: cause, evidence, fix.", mixinStandardHelpOptions = true,
        description = {"Connect to HOST:PORT the way an agent does and explain any failure:",
            "the cause (a stable id), the evidence seen, and the fix.",
            "Exit 0 when the connection works end to end (TLS, then GET /health),",
            "3 when a cause was found, 1 when none fits. Causes: docs/troubleshooting.md."})
public final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The vault (or any TLS endpoint) to check.")
    String target;

    @Option(names = "--dir", paramLabel = "AGENT",
            description = "Agent directory: present its machine certificate and trust only its vault CA (ca.crt).")
    Path dir;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "Trust only this CA (PEM) for the server; default: the system trust store.")
    Path ca;

    @Option(names = "--json", paramLabel = "FILE|-", description = "Also write the report as JSON (- for stdout).")
    String json;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationOption.class,
            description = "Connect and read timeout of each step (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        if (dir != null && ca != null) {
            throw new LifeboatException(LifeboatException.Kind.USAGE,
                    "doctor: give --dir AGENT or --ca FILE, not both (--dir already names the vault's CA)");
        }
        Target t = Target.parse(target);
        ConnectionEvidence evidence = ConnectionProbe.run(options(t));
        DoctorReport report = DoctorReport.of(t.toString(), Classifier.classify(evidence));
        if (!"-".equals(json)) {
            report.printText(spec.commandLine().getOut());
        }
        if (json != null) {
            JsonOutput.write(json, report, System.out);
        }
        return report.exitCode();
    }

    private ProbeOptions options(Target t) {
        ProbeOptions o = ProbeOptions.of(t.host(), t.port()).withTimeout(timeout);
        if (dir != null) {
            AgentIdentity id = AgentIdentity.read(dir);
            o = o.withAnchors(id.vaultCa(), AnchorSource.VAULT_CA).withClient(id.machineChain(), id.machineKey());
        } else if (ca != null) {
            o = o.withAnchors(AgentIdentity.certificates(ca, "the CA file given with --ca"), AnchorSource.GIVEN_CA);
        }
        return o;
    }
}
