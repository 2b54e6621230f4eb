package io.lifeboat.cli.agent;

import io.lifeboat.agent.AgentEnrolment;
import io.lifeboat.agent.AgentLayout;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.vault.api.EnrolmentToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agent enroll --token-file FILE|- --dir AGENT} (or the token as an argument). */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = {"Enrol this machine with a vault: make a key pair here, send a certificate request with the",
            "one-time token over TLS pinned to the CA hash in the token, and store AGENT/machine.crt,",
            "AGENT/machine.key (owner only), AGENT/ca.crt and AGENT/agent.json. The private key never leaves.",
            "Give the token with --token-file FILE, or --token-file - to read it from standard input: a TOKEN",
            "argument also works, but other users of this machine can read it in the process list."})
public final class AgentEnrollCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TOKEN",
            description = "The token printed by `lifeboat vault enroll` (visible in the process list: prefer --token-file).")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE|-", description = "Read the token from FILE, or from standard"
            + " input with '-' (the safe form: it never appears in the process list).")
    String tokenFile;

    @Option(names = "--dir", required = true, paramLabel = "AGENT", description = "The agent folder.")
    Path dir;

    @Option(names = "--machine", paramLabel = "NAME", description = "Enrol under this name (default: the name the token was made for).")
    String machine;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "${env:LIFEBOAT_TLS_ENGINE:-auto}",
            description = "TLS engine: auto, boringssl or jdk (default: ${DEFAULT-VALUE}).")
    String engine;

    @Override
    public Integer call() {
        AgentEnrolment.Result r = AgentEnrolment.enroll(EnrolmentToken.parse(token()), machine,
                new AgentLayout(dir), TlsEngine.select(engine));
        spec.commandLine().getOut().println("agent: enrolled machine " + r.machine() + " with the vault at " + r.vault()
                + " over " + r.protocol() + " (" + r.cipherSuite() + "); certificate valid until "
                + r.certificate().getNotAfter().toInstant() + "; identity in " + new AgentLayout(dir).dir());
        return 0;
    }

    /** The token from exactly one of TOKEN and --token-file: its first non-blank line, trimmed. */
    private String token() {
        if ((token == null) == (tokenFile == null)) {
            throw usage("give the enrolment token once: --token-file FILE (or - for standard input), or TOKEN");
        }
        if (token != null) {
            return token;
        }
        String where = tokenFile.equals("-") ? "standard input" : tokenFile;
        String text;
        try {
            text = tokenFile.equals("-") ? read(System.in) : Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw usage("cannot read --token-file " + where + ": " + e.getMessage());
        }
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .orElseThrow(() -> usage("--token-file " + where + " holds no token"));
    }

    private static String read(InputStream in) throws IOException {
        // a token is one short line; more than this is not a token file
        return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
    }

    private static LifeboatException usage(String message) {
        return new LifeboatException(LifeboatException.Kind.USAGE, message);
    }
}
