package io.lifeboat.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.cli.testing.LifeboatProcess;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real vault for the doctor's vault-backed tests: {@code vault serve} as a child process; the
 * short commands ({@code vault init}, {@code vault enroll}, {@code agent enroll}, {@code vault
 * revoke}) run in this JVM through the real command line, which saves a JVM start each.
 */
final class VaultFixture implements AutoCloseable {
    static final Duration T = Duration.ofSeconds(60);

    final Path vaultDir;
    final LifeboatProcess serve;
    final String address;

    private VaultFixture(Path vaultDir, LifeboatProcess serve, String address) {
        this.vaultDir = vaultDir;
        this.serve = serve;
        this.address = address;
    }

    static VaultFixture start(Path tmp) {
        Path v = tmp.resolve("V");
        inProcess("vault", "init", "--dir", v.toString(), "--listen", "127.0.0.1:0", "--host", "localhost");
        LifeboatProcess serve = LifeboatProcess.start("vault", "serve", "--dir", v.toString());
        String address = serve.waitForFile(v.resolve("run/address"), T).trim();
        serve.waitForStdout(l -> l.startsWith("vault: listening on"), T);
        return new VaultFixture(v, serve, address);
    }

    String token(String machine) {
        return inProcess("vault", "enroll", "--dir", vaultDir.toString(), "--machine", machine, "--ttl", "1h")
                .strip();
    }

    Path enrolledAgent(Path tmp, String machine) {
        Path a = tmp.resolve("agent-" + machine);
        inProcess("agent", "enroll", token(machine), "--dir", a.toString());
        return a;
    }

    void revoke(String machine) {
        inProcess("vault", "revoke", "--dir", vaultDir.toString(), "--machine", machine);
    }

    /** Runs a command in this JVM, requires exit 0, returns what it printed. */
    static String inProcess(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = io.lifeboat.cli.Main.newCommandLine();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        int code = cl.execute(args);
        assertThat(code).as(String.join(" ", args) + "\n" + out + err).isZero();
        return out.toString();
    }

    int port() {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    @Override
    public void close() {
        serve.close();
    }
}
