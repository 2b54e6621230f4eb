package io.lifeboat.cli.agent;

import io.lifeboat.agent.AgentLayout;
import io.lifeboat.agent.CertificateRenewal;
import io.lifeboat.tls.engine.TlsEngine;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code agent renew --dir AGENT [--force]}: renews the machine certificate over mutual TLS when it is due. */
@Command(name = "renew", mixinStandardHelpOptions = true,
        description = {"Renew this machine's certificate over mutual TLS with a new key pair made here, when less",
            "than a third of its lifetime is left (or now, with --force). Safe to run from cron."})
public final class AgentRenewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "AGENT", description = "The agent folder.")
    Path dir;

    @Option(names = "--force", description = "Renew even when the certificate is not due yet.")
    boolean force;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "${env:LIFEBOAT_TLS_ENGINE:-auto}",
            description = "TLS engine: auto, boringssl or jdk (default: ${DEFAULT-VALUE}).")
    String engine;

    @Override
    public Integer call() {
        AgentLayout layout = new AgentLayout(dir);
        TlsEngine tls = TlsEngine.select(engine);
        Optional<X509Certificate> renewed = force ? Optional.of(CertificateRenewal.renew(layout, tls))
                : CertificateRenewal.renewIfDue(layout, tls, Clock.systemUTC());
        spec.commandLine().getOut().println(renewed
                .map(c -> "agent: renewed the machine certificate; valid until " + c.getNotAfter().toInstant())
                .orElse("agent: the machine certificate is not due for renewal"));
        return 0;
    }
}
