package io.lifeboat.cli.vault;

import static io.lifeboat.cli.testing.InProcessCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.cli.testing.InProcessCli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault and agent commands in this JVM: output shape, user errors, exit codes. */
class VaultCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void enrollPrintsOnlyTheTokenAndMachinesListsNothingYet() throws Exception {
        Path v = tmp.resolve("V");
        assertThat(run("vault", "init", "--dir", v.toString()).code()).isZero();
        assertThat(Files.readString(v.resolve("vault.json"))).contains("\"listen\" : \"127.0.0.1:7443\"");
        Run enroll = run("vault", "enroll", "--dir", v.toString(), "--machine", "web01");
        assertThat(enroll.code()).isZero();
        assertThat(enroll.out().lines().toList()).hasSize(1).allMatch(l -> l.startsWith("lifeboat1."));
        Run machines = run("vault", "machines", "--dir", v.toString(), "--json");
        assertThat(machines.out()).contains("\"machines\" : [ ]");
    }

    @Test
    void userErrorsAreOneLineWithExitCode2() {
        Path v = tmp.resolve("V");
        run("vault", "init", "--dir", v.toString());
        for (String[] args : new String[][] {
            {"vault", "init", "--dir", v.toString()},
            {"vault", "serve", "--dir", tmp.resolve("nothing").toString()},
            {"vault", "enroll", "--dir", v.toString(), "--machine", "a/b"},
            {"vault", "revoke", "--dir", v.toString(), "--machine", "nobody"},
            {"vault", "init", "--dir", tmp.resolve("W").toString(), "--listen", "nohost"},
            {"agent", "enroll", "not-a-token", "--dir", tmp.resolve("A").toString()},
            {"vault", "serve", "--dir", v.toString(), "--engine", "gnutls"},
        }) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("lifeboat: ").doesNotContain("\tat ");
            assertThat(r.err().lines().count()).isEqualTo(1);
        }
        Run ttl = run("vault", "enroll", "--dir", v.toString(), "--machine", "m", "--ttl", "5x");
        assertThat(ttl.code()).isEqualTo(2);
        assertThat(ttl.err()).contains("'5x' is not a duration");
    }

    @Test
    void aTokenForAVaultOnAnyFreePortNeedsTheRunningServer() {
        Path v = tmp.resolve("V");
        run("vault", "init", "--dir", v.toString(), "--listen", "127.0.0.1:0");
        Run r = run("vault", "enroll", "--dir", v.toString(), "--machine", "web01");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("start `lifeboat vault serve` first");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unreachableVaultIsExitCode10() throws Exception {
        Path v = tmp.resolve("V");
        run("vault", "init", "--dir", v.toString(), "--listen", "127.0.0.1:1");
        String token = run("vault", "enroll", "--dir", v.toString(), "--machine", "web01").out().trim();
        Run r = run("agent", "enroll", token, "--dir", tmp.resolve("A").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(10);
        assertThat(r.err()).contains("cannot reach the vault at 127.0.0.1:1");
    }
}
