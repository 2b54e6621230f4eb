package io.lifeboat.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.agent.AgentEnrolment;
import io.lifeboat.agent.AgentLayout;
import io.lifeboat.cli.testing.LifeboatProcess;
import io.lifeboat.cli.testing.PeerTool;
import io.lifeboat.tls.engine.TlsEngine;
import io.lifeboat.vault.HostPort;
import io.lifeboat.vault.Vault;
import io.lifeboat.vault.VaultLayout;
import io.lifeboat.vault.api.EnrolmentToken;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real {@code openssl s_client} against a running {@code lifeboat vault serve}, once per engine
 * (acceptance items 2, 3 and 6 of issue 2).
 */
@Tag("integration")
class VaultServeOpensslTest {
    private static final Duration T = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void opensslSeesThePolicyOfARunningVault(TlsEngine engine) throws Exception {
        PeerTool.require("openssl");
        if (!engine.available()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(engine + " unavailable under CI: " + engine.unavailableReason());
            }
            Assumptions.abort(engine + " unavailable");
        }
        VaultLayout v = new VaultLayout(tmp.resolve("V"));
        Vault vault = Vault.init(v, List.of("vault.test"), new HostPort("127.0.0.1", 0), Clock.systemUTC());
        try (LifeboatProcess serve = LifeboatProcess.start("vault", "serve", "--dir", v.dir().toString(),
                "--engine", engine.id())) {
            String address = serve.waitForFile(v.address(), T).trim();
            serve.waitForStdout(l -> l.startsWith("vault: listening on " + address), T);
            assertThat(serve.stdout()).contains("vault: TLS engine " + engine.id());

            AgentLayout a = new AgentLayout(tmp.resolve("A"));
            AgentEnrolment.enroll(EnrolmentToken.parse(vault.enroll("web01", Duration.ofHours(1))), null, a, engine);
            String ca = v.caCertificate().toString();
            String[] identity = {"-CAfile", ca, "-verify_return_error", "-cert", a.machineCertificate().toString(),
                "-key", a.machineKey().toString()};

            // TLS 1.0 and 1.1: a protocol_version alert, and one log line each naming peer, version and fix
            for (String[] old : new String[][] {{"-tls1", "TLSv1:"}, {"-tls1_1", "TLSv1.1:"}}) {
                String out = sClient(address, "", old[0], "-cipher", "DEFAULT:@SECLEVEL=0");
                assertThat(out).as(old[0]).contains("alert protocol version");
                String line = serve.waitForStderr(l -> l.contains("[tls-refused] refused a client that offers only " + old[1]), T);
                assertThat(line).contains("remote=/127.0.0.1:").contains("lifeboat readiness");
            }
            assertThat(serve.stderr().lines().filter(l -> l.contains("[tls-refused]")).count()).isEqualTo(2);

            // TLS 1.2 with only CBC or only static-RSA suites: no handshake
            for (String weak : List.of("ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384", "AES128-GCM-SHA256:AES256-SHA")) {
                String out = sClient(address, "", "-tls1_2", "-cipher", weak);
                assertThat(out).as(weak).contains("Cipher is (NONE)").contains("alert handshake failure");
            }

            // TLS 1.2 ECDHE AEAD and TLS 1.3 with the machine certificate, the server verified against V/ca.crt
            String t12 = sClient(address, "GET /health HTTP/1.0\r\n\r\n",
                    concat(identity, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384", "-ign_eof"));
            assertThat(t12).contains("Verify return code: 0 (ok)").contains("Cipher is ECDHE-ECDSA-AES256-GCM-SHA384");
            JsonObject h12 = healthJson(t12);
            assertThat(h12.getString("machine")).isEqualTo("web01");
            assertThat(h12.getString("protocol")).isEqualTo("TLSv1.2");
            assertThat(h12.getString("cipherSuite")).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
            assertThat(h12.getString("engine")).isEqualTo(engine.id());

            String t13 = sClient(address, "GET /health HTTP/1.0\r\n\r\n", concat(identity, "-tls1_3", "-ign_eof"));
            assertThat(t13).contains("Verify return code: 0 (ok)").contains("New, TLSv1.3");
            assertThat(healthJson(t13).getString("protocol")).isEqualTo("TLSv1.3");

            // groups: P-384 is in the policy, P-521 is not (on the JDK engine through jdk.tls.namedGroups)
            assertThat(sClient(address, "", "-groups", "P-384", "-CAfile", ca)).contains("Verify return code: 0 (ok)")
                    .containsPattern("(Server Temp Key|Negotiated TLS1.3 group): (ECDH, )?(P-384|secp384r1)");
            assertThat(sClient(address, "", "-groups", "P-521", "-CAfile", ca)).contains("Cipher is (NONE)");

            // RFC 8446 §4.1.3: a TLS 1.2-max client sees DOWNGRD\x01 at the end of the ServerHello random
            byte[] random = serverHelloRandom(sClient(address, "", "-tls1_2", "-msg"));
            assertThat(HexFormat.of().formatHex(random, 24, 32)).isEqualTo("444f574e47524401");
            byte[] random13 = serverHelloRandom(sClient(address, "", "-tls1_3", "-msg"));
            assertThat(HexFormat.of().formatHex(random13, 24, 32)).isNotEqualTo("444f574e47524401");

            assertThat(serve.terminate(Duration.ofSeconds(30))).isIn(0, 143);
        }
    }

    private static String[] concat(String[] a, String... b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(String[]::new);
    }

    private static JsonObject healthJson(String out) {
        int i = out.indexOf("{\"status\"");
        assertThat(i).as(out).isNotNegative();
        return new JsonObject(out.substring(i, out.indexOf('}', i) + 1));
    }

    /** The 32-byte random of the ServerHello in {@code -msg} output (hex dump after the ServerHello line). */
    static byte[] serverHelloRandom(String msgOutput) {
        List<String> lines = msgOutput.lines().toList();
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("<<<") && lines.get(i).endsWith("ServerHello")) {
                for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("    "); j++) {
                    hex.append(lines.get(j).replace(" ", ""));
                }
                break;
            }
        }
        assertThat(hex.length()).as("ServerHello in:\n" + msgOutput).isGreaterThanOrEqualTo(76);
        byte[] hs = HexFormat.of().parseHex(hex.toString());
        return java.util.Arrays.copyOfRange(hs, 6, 38);
    }

    private static String sClient(String address, String input, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", address));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            p.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("openssl finished: " + cmd).isTrue();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
    }
}
