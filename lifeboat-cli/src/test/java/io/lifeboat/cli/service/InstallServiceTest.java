package io.lifeboat.cli.service;

import static io.lifeboat.cli.testing.InProcessCli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.vault.HostPort;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.VaultLayout;
import io.lifeboat.cli.testing.InProcessCli.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance 5: install-service writes units that systemd-analyze verify accepts, and the commands read the config file. */
class InstallServiceTest {
    @TempDir
    Path tmp;

    /** A stand-in launcher: systemd-analyze verify checks that ExecStart names an executable. */
    Path launcher() throws Exception {
        Path exe = tmp.resolve("bin/lifeboat");
        Files.createDirectories(exe.getParent());
        Files.writeString(exe, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        return exe;
    }

    static void verify(Path unit) throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        if (!Files.isExecutable(analyze)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("systemd-analyze must be installed under CI (.ci/run installs systemd)");
            }
            Assumptions.abort("no systemd-analyze here");
        }
        Process p = new ProcessBuilder(analyze.toString(), "verify", unit.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as("no warning about our unit").doesNotContain(unit.getFileName().toString());
    }

    @Test
    void vaultUnitIsHardenedReadsItsConfigAndVerifies() throws Exception {
        Path v = tmp.resolve("srv/vault");
        Vault.init(new VaultLayout(v), List.of(), new HostPort("127.0.0.1", 0), Clock.systemUTC());
        Path units = tmp.resolve("units");
        Path etc = tmp.resolve("etc");
        Run r = run("vault", "install-service", "--dir", v.toString(), "--unit-dir", units.toString(),
                "--config-dir", etc.toString(), "--executable", launcher().toString());
        assertThat(r.code()).as(r.err()).isZero();
        String unit = Files.readString(units.resolve("lifeboat-vault.service"));
        assertThat(unit).contains("ExecStart=" + launcher() + " vault serve --config " + etc.resolve("vault.properties"))
                .contains("User=lifeboat").contains("Restart=on-failure").contains("NoNewPrivileges=yes")
                .contains("ProtectSystem=strict").contains("ReadWritePaths=" + v).contains("CapabilityBoundingSet=\n");
        assertThat(Files.readString(etc.resolve("vault.properties"))).contains("dir=" + v);
        verify(units.resolve("lifeboat-vault.service"));

        assertThat(run("vault", "install-service", "--dir", v.toString(), "--unit-dir", units.toString(),
                "--config-dir", etc.toString()).code()).as("never replaced without --force").isEqualTo(2);

        // the config file stands in for the command line: a vault folder that is not one is named from it
        Path bad = tmp.resolve("bad.properties");
        Files.writeString(bad, "dir=" + tmp.resolve("nowhere") + "\n");
        Run serve = run("vault", "serve", "--config", bad.toString());
        assertThat(serve.code()).isEqualTo(2);
        assertThat(serve.err()).contains(tmp.resolve("nowhere").toString()).contains("not a vault folder");
        Files.writeString(bad, "dir=" + v + "\nengin=jdk\n");
        Run typo = run("vault", "serve", "--config", bad.toString());
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("'engin' is not an option");
        assertThat(run("vault", "serve", "--config", tmp.resolve("missing.properties").toString()).code()).isEqualTo(2);
    }

    @Test
    void agentUnitKeepsOnlyTheReadCapabilityAndItsConfigCarriesThePaths() throws Exception {
        Path a = tmp.resolve("agent");
        Files.createDirectories(a);
        Files.writeString(a.resolve("agent.json"), "{}");
        Path units = tmp.resolve("units");
        Path etc = tmp.resolve("etc");
        Run r = run("agent", "install-service", "--dir", a.toString(), "/srv/data", "/dev/sdb", "--rpo", "15m",
                "--unit-dir", units.toString(), "--config-dir", etc.toString(), "--executable", launcher().toString());
        assertThat(r.code()).as(r.err()).isZero();
        String unit = Files.readString(units.resolve("lifeboat-agent.service"));
        assertThat(unit).contains("agent protect --config").contains("CapabilityBoundingSet=CAP_DAC_READ_SEARCH")
                .contains("ReadWritePaths=" + a).doesNotContain("User=").doesNotContain("PrivateDevices");
        String config = Files.readString(etc.resolve("agent.properties"));
        assertThat(config).contains("path.1=/srv/data").contains("path.2=/dev/sdb").contains("rpo=900s");
        verify(units.resolve("lifeboat-agent.service"));

        // options come from the file: here an --rpo below the minimum, reported before anything runs
        Files.writeString(etc.resolve("agent.properties"), config.replace("rpo=900s", "rpo=5s"));
        Run protect = run("agent", "protect", "--config", etc.resolve("agent.properties").toString());
        assertThat(protect.code()).isEqualTo(2);
        assertThat(protect.err()).contains("--rpo must be at least 10s");
    }
}
