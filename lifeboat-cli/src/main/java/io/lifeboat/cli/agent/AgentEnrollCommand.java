package io.lifeboat.cli.agent;

import io.lifeboat.agent.AgentEnrolment;
import io.lifeboat.agent.AgentLayout;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.vault.api.EnrolmentToken;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agent enroll TOKEN --dir AGENT}. */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = {"Enrol this machine with a vault: make a key pair here, send a certificate request with the",
            "one-time TOKEN over TLS pinned to the CA hash in the token, and store AGENT/machine.crt,",
            "AGENT/machine.key (0600), AGENT/ca.crt and AGENT/agent.json. The private key never leaves."})
public final class AgentEnrollCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOKEN", description = "The token printed by `lifeboat vault enroll`.")
    String token;

    @Option(names = "--dir", required = true, paramLabel = "AGENT", description = "The agent folder.")
    Path dir;

    @Option(names = "--machine", paramLabel = "NAME", description = "Enrol under this name (default: the name the token was made for).")
    String machine;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "${env:LIFEBOAT_TLS_ENGINE:-auto}",
            description = "TLS engine: auto, boringssl or jdk (default: ${DEFAULT-VALUE}).")
    String engine;

    @Override
    public Integer call() {
        AgentEnrolment.Result r = AgentEnrolment.enroll(EnrolmentToken.parse(token), machine,
                new AgentLayout(dir), TlsEngine.select(engine));
        spec.commandLine().getOut().println("agent: enrolled machine " + r.machine() + " with the vault at " + r.vault()
                + " over " + r.protocol() + " (" + r.cipherSuite() + "); certificate valid until "
                + r.certificate().getNotAfter().toInstant() + "; identity in " + new AgentLayout(dir).dir());
        return 0;
    }
}
