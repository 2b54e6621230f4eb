package io.lifeboat.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.cli.testing.LifeboatProcess;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real vault for the doctor's vault-backed tests: {@code vault init}, {@code vault serve} as a
 * child process, and enrolled agent folders made with the real {@code agent enroll}.
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
        LifeboatProcess.Result init = LifeboatProcess.run(T, "vault", "init", "--dir", v.toString(),
                "--listen", "127.0.0.1:0", "--host", "localhost");
        assertThat(init.exitCode()).as(init.toString()).isZero();
        LifeboatProcess serve = LifeboatProcess.start("vault", "serve", "--dir", v.toString());
        String address = serve.waitForFile(v.resolve("run/address"), T).trim();
        serve.waitForStdout(l -> l.startsWith("vault: listening on"), T);
        return new VaultFixture(v, serve, address);
    }

    String token(String machine) {
        LifeboatProcess.Result enroll = LifeboatProcess.run(T, "vault", "enroll", "--dir", vaultDir.toString(),
                "--machine", machine, "--ttl", "1h");
        assertThat(enroll.exitCode()).as(enroll.toString()).isZero();
        return enroll.stdoutLines().get(0);
    }

    Path enrolledAgent(Path tmp, String machine) {
        Path a = tmp.resolve("agent-" + machine);
        LifeboatProcess.Result agent = LifeboatProcess.run(T, "agent", "enroll", token(machine), "--dir", a.toString());
        assertThat(agent.exitCode()).as(agent.toString()).isZero();
        return a;
    }

    void revoke(String machine) {
        LifeboatProcess.Result revoke = LifeboatProcess.run(T, "vault", "revoke", "--dir", vaultDir.toString(),
                "--machine", machine);
        assertThat(revoke.exitCode()).as(revoke.toString()).isZero();
    }

    int port() {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    @Override
    public void close() {
        serve.close();
    }
}
