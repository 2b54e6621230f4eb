package io.lifeboat.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.cli.Main;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.tls.pki.Pem;
import io.lifeboat.vault.HostPort;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.VaultLayout;
import io.lifeboat.vault.VaultServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Tag("integration")
class AgentCommandsTest {
    @TempDir
    Path tmp;

    static String[] run(String... args) {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void snapshotOptionsAreCheckedBeforeTheAgentDoesAnything() {
        String agent = tmp.resolve("not-enrolled").toString();
        String[] r = run("agent", "protect", "--dir", agent, "--once", "--snapshot", "zfs", tmp.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("--snapshot must be none, reflink, lvm or script, not zfs");
        r = run("agent", "protect", "--dir", agent, "--once", "--snapshot", "script", "--pre-snapshot", "/bin/true",
                tmp.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("--snapshot script needs both --pre-snapshot and --post-snapshot");
        r = run("agent", "protect", "--dir", agent, "--once", "--post-snapshot", "/bin/true", tmp.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("--pre-snapshot and --post-snapshot need --snapshot script");
    }

    @Test
    void theTokenComesFromAFileOrStandardInputSoItNeverShowsInTheProcessList() throws Exception {
        Vault vault = Vault.init(new VaultLayout(tmp.resolve("V")), List.of(), new HostPort("127.0.0.1", 0), Clock.systemUTC());
        try (VaultServer server = VaultServer.start(vault, TlsEngine.preferred(), List.of())) {
            Path file = tmp.resolve("token.txt");
            Files.writeString(file, "\n  " + vault.enroll("web01", Duration.ofMinutes(10)) + "  \r\n");
            String[] fromFile = run("agent", "enroll", "--token-file", file.toString(), "--dir", tmp.resolve("A").toString());
            assertThat(fromFile[0]).as(fromFile[2]).isEqualTo("0");
            assertThat(fromFile[1]).contains("enrolled machine web01");

            InputStream stdin = System.in;
            String[] fromStdin;
            try {
                System.setIn(new ByteArrayInputStream((vault.enroll("web02", Duration.ofMinutes(10)) + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
                fromStdin = run("agent", "enroll", "--token-file", "-", "--dir", tmp.resolve("B").toString());
            } finally {
                System.setIn(stdin);
            }
            assertThat(fromStdin[0]).as(fromStdin[2]).isEqualTo("0");
            assertThat(fromStdin[1]).contains("enrolled machine web02");
        }
        String[] neither = run("agent", "enroll", "--dir", tmp.resolve("C").toString());
        assertThat(neither[0]).isEqualTo("2");
        assertThat(neither[2]).contains("give the enrolment token once");
        String[] both = run("agent", "enroll", "x", "--token-file", "-", "--dir", tmp.resolve("C").toString());
        assertThat(both[0]).isEqualTo("2");
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "\n\n");
        String[] none = run("agent", "enroll", "--token-file", empty.toString(), "--dir", tmp.resolve("C").toString());
        assertThat(none[0]).isEqualTo("2");
        assertThat(none[2]).contains("empty.txt holds no token");
    }

    @Test
    void enrollThenRenewOnlyWhenDueOrForced() throws Exception {
        Vault vault = Vault.init(new VaultLayout(tmp.resolve("V")), List.of(), new HostPort("127.0.0.1", 0), Clock.systemUTC());
        try (VaultServer server = VaultServer.start(vault, TlsEngine.preferred(), List.of())) {
            Path a = tmp.resolve("A");
            String token = vault.enroll("web01", Duration.ofMinutes(10));
            String[] enroll = run("agent", "enroll", token, "--dir", a.toString());
            assertThat(enroll[0]).as(enroll[2]).isEqualTo("0");
            assertThat(enroll[1]).contains("enrolled machine web01").contains("TLSv1.3");
            X509Certificate first = Pem.readCertificates(a.resolve("machine.crt")).get(0);

            String[] notDue = run("agent", "renew", "--dir", a.toString());
            assertThat(notDue[0]).isEqualTo("0");
            assertThat(notDue[1]).contains("not due");
            assertThat(Pem.readCertificates(a.resolve("machine.crt")).get(0)).isEqualTo(first);

            String[] forced = run("agent", "renew", "--dir", a.toString(), "--force");
            assertThat(forced[0]).as(forced[2]).isEqualTo("0");
            assertThat(Pem.readCertificates(a.resolve("machine.crt")).get(0)).isNotEqualTo(first);

            vault.revoke("web01");
            String[] revoked = run("agent", "renew", "--dir", a.toString(), "--force");
            assertThat(revoked[0]).isEqualTo("11");
            assertThat(revoked[2]).contains("revoked");
        }
    }
}
