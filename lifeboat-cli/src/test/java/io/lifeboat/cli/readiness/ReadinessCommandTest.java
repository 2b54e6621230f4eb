package io.lifeboat.cli.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifeboat.cli.JsonOutput;
import io.lifeboat.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command end to end in this JVM: exit codes, text, JSON, --fix, --fleet, bad input. */
class ReadinessCommandTest {
    static final String SCH = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\";
    static final String OS_2008R2 = "Windows Registry Editor Version 5.00\r\n\r\n"
            + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion]\r\n"
            + "\"ProductName\"=\"Windows Server 2008 R2 Standard\"\r\n\"CurrentVersion\"=\"6.1\"\r\n"
            + "\"CurrentBuildNumber\"=\"7601\"\r\n\"CSDVersion\"=\"Service Pack 1\"\r\n"
            + "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment]\r\n"
            + "\"PROCESSOR_ARCHITECTURE\"=\"AMD64\"\r\n"
            + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\Packages\\"
            + "Package_for_KB3140245~31bf3856ad364e35~amd64~~6.1.1.0]\r\n\"CurrentState\"=dword:00000070\r\n";
    static final String GOOD = "Windows Registry Editor Version 5.00\r\n\r\n"
            + "[" + SCH + "Client]\r\n\"Enabled\"=dword:00000001\r\n\"DisabledByDefault\"=dword:00000000\r\n"
            + "[" + SCH + "Server]\r\n\"Enabled\"=dword:00000001\r\n\"DisabledByDefault\"=dword:00000000\r\n"
            + dotnet("") + dotnet("WOW6432Node\\")
            + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp]\r\n"
            + "\"DefaultSecureProtocols\"=dword:00000a00\r\n"
            + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp]\r\n"
            + "\"DefaultSecureProtocols\"=dword:00000a00\r\n";

    static String dotnet(String view) {
        StringBuilder sb = new StringBuilder();
        for (String v : List.of("v4.0.30319", "v2.0.50727")) {
            sb.append("[HKEY_LOCAL_MACHINE\\SOFTWARE\\").append(view).append("Microsoft\\.NETFramework\\").append(v)
                    .append("]\r\n\"SystemDefaultTlsVersions\"=dword:00000001\r\n\"SchUseStrongCrypto\"=dword:00000001\r\n");
        }
        return sb.toString();
    }

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.newCommandLine().setErr(new java.io.PrintWriter(System.err, true)).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void aWindows2008R2ExportWithoutSettingsIsNotReadyAndTheFixMakesItReady() throws IOException {
        Path os = file("os.reg", OS_2008R2);
        Path fix = dir.resolve("fix.reg");
        Run r = run("readiness", "--reg", os.toString(), "--fix", fix.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("NOT READY").contains("FAIL").contains("schannel-tls12-client")
                .contains("Windows Server 2008 R2 Standard (build 7601) Service Pack 1");
        byte[] bytes = Files.readAllBytes(fix);
        assertThat(bytes[0] & 0xff).isEqualTo(0xff);
        assertThat(new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE))
                .startsWith("Windows Registry Editor Version 5.00\r\n");

        String text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        assertThat(text).contains("TLS 1.2\\Client]").doesNotContain("TLS 1.0\\").doesNotContain("SSL 3.0\\");

        Run again = run("readiness", "--reg", os.toString(), "--reg", fix.toString());
        assertThat(again.out()).doesNotContain("FAIL  ").contains("READY:");
        assertThat(again.exit()).isZero();
    }

    @Test
    void hardenIsAnExplicitChoiceThatWarnsAndTurnsLegacyProtocolsOff() throws IOException {
        Path os = file("os.reg", OS_2008R2);
        Path fix = dir.resolve("hard.reg");
        assertThat(run("readiness", "--reg", os.toString(), "--harden").exit()).isEqualTo(2);
        Run r = run("readiness", "--reg", os.toString(), "--fix", fix.toString(), "--harden");
        assertThat(r.out()).contains("turns legacy protocols off");
        byte[] bytes = Files.readAllBytes(fix);
        String text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        assertThat(text).contains("WARNING").contains("TLS 1.0\\Server]").contains("TLS 1.2\\Server]");
    }

    @Test
    void anExportWithoutTheOsIsIncompleteAndSaysWhatToGive() throws IOException {
        Path good = file("good.reg", GOOD);
        Run r = run("readiness", "--reg", good.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("INCOMPLETE:").contains("to decide: give the SOFTWARE hive (or an export of"
                + " HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion)");
    }

    @Test
    void jsonCarriesReadyOsAndResultsWithEvidenceAndFix() throws IOException {
        Path os = file("os.reg", OS_2008R2);
        Run r = run("readiness", "--reg", os.toString(), "--json", "-");
        assertThat(r.exit()).isEqualTo(3);
        JsonNode j = JsonOutput.MAPPER.readTree(r.out());
        assertThat(j.get("schema").asInt()).isEqualTo(1);
        assertThat(j.get("ready").asBoolean()).isFalse();
        assertThat(j.get("verdict").asText()).isEqualTo("NOT_READY");
        assertThat(j.get("os").get("family").asText()).isEqualTo("WIN7_2008R2");
        JsonNode client = null;
        for (JsonNode res : j.get("results")) {
            assertThat(res.has("rule") && res.has("status") && res.has("evidence") && res.has("fix")).isTrue();
            if (res.get("rule").asText().equals("schannel-tls12-client")) {
                client = res;
            }
        }
        assertThat(client.get("status").asText()).isEqualTo("FAIL");
        assertThat(client.get("required").asBoolean()).isTrue();
        assertThat(client.get("evidence").get(1).get("assumed").asText()).contains("disabled by default");
        assertThat(client.get("fix").get("registry").get(0).asText()).isEqualTo("[" + SCH + "Client]");
        assertThat(client.get("fix").get("registry").get(1).asText()).isEqualTo("\"Enabled\"=dword:00000001");
    }

    @Test
    void readyMachineExitsZero() throws IOException {
        Path os = file("os.reg", OS_2008R2.replace("6.1", "6.3").replace("2008 R2", "2012 R2").replace("7601", "9600"));
        Path good = file("good.reg", GOOD);
        Run r = run("readiness", "--reg", os.toString(), "--reg", good.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("READY:");
    }

    @Test
    void malformedRegFileIsExit2WithLineNumbersAndNoStackTrace() throws IOException {
        Path bad = file("bad.reg", "Windows Registry Editor Version 5.00\r\n\r\n[" + SCH + "Client]\r\nEnabled=dword:1\r\n");
        Run r = run("readiness", "--reg", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.reg: 1 malformed line").contains("line 4: value name is not quoted")
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void corruptHiveIsExit2WithTheOffset() throws IOException {
        byte[] junk = new byte[8192];
        System.arraycopy("regf".getBytes(StandardCharsets.US_ASCII), 0, junk, 0, 4);
        junk[20] = 1;
        Path h = dir.resolve("SYSTEM");
        Files.write(h, junk);
        Run r = run("readiness", "--hive", h.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("corrupt registry hive at offset 0x").doesNotContain("\tat ");
    }

    @Test
    void noSourceOrTwoSourcesIsAUsageError() throws IOException {
        assertThat(run("readiness").exit()).isEqualTo(2);
        Path os = file("os.reg", OS_2008R2);
        assertThat(run("readiness", "--reg", os.toString(), "--fleet", dir.toString()).exit()).isEqualTo(2);
        assertThat(run("readiness", "--reg", dir.resolve("missing.reg").toString()).err()).contains("cannot read --reg");
    }

    @Test
    void liveOutsideWindowsIsAUsageErrorThatSaysWhatToDoInstead() {
        org.junit.jupiter.api.Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"));
        Run r = run("readiness", "--live");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--live reads the registry of the Windows machine").contains("use --reg");
    }

    @Test
    void fleetSummarisesManyMachines() throws IOException {
        Path fleet = Files.createDirectory(dir.resolve("fleet"));
        Files.writeString(fleet.resolve("old-server.reg"), OS_2008R2);
        Path ready = Files.createDirectory(fleet.resolve("new-server"));
        Files.writeString(ready.resolve("1-os.reg"), OS_2008R2.replace("6.1", "6.3").replace("2008 R2", "2012 R2")
                .replace("7601", "9600"));
        Files.writeString(ready.resolve("2-settings.reg"), GOOD);
        Files.writeString(fleet.resolve("broken.reg"), "Windows Registry Editor Version 5.00\r\n[HKLM\\X]\r\nx=1\r\n");
        Run r = run("readiness", "--fleet", fleet.toString(), "--json", "-");
        JsonNode j = JsonOutput.MAPPER.readTree(r.out());
        assertThat(j.get("total").asInt()).isEqualTo(3);
        assertThat(j.get("ready").asInt()).isEqualTo(1);
        assertThat(j.get("notReady").asInt()).isEqualTo(1);
        assertThat(j.get("incomplete").asInt()).isZero();
        assertThat(j.get("machines").get(0).get("verdict").asText()).isEqualTo("READY");
        assertThat(j.get("failuresByRule").get("schannel-tls12-client").asInt()).isEqualTo(1);
        assertThat(j.get("unreadable").get("broken").asText()).contains("line 3");
        assertThat(r.exit()).isEqualTo(2);
        Files.delete(fleet.resolve("broken.reg"));
        Run text = run("readiness", "--fleet", fleet.toString());
        assertThat(text.exit()).isEqualTo(3);
        assertThat(text.out()).contains("1 of 2 machines ready, 1 not ready, 0 incomplete")
                .contains("NOT READY  old-server");
    }
}
