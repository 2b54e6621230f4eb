package io.lifeboat.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TlsPreloadTest {
    @Test
    void agentProtectPreloadsBoringSslUnlessTheJdkEngineIsForced() {
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--dir", "A", "--once", "img"}, null)).isTrue();
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--engine", "boringssl", "img"}, null)).isTrue();
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "img"}, "auto")).isTrue();

        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--engine", "jdk", "img"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--engine=JDK", "img"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "img"}, "jdk")).isFalse();
        // the option wins over the environment, as picocli's default does
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--engine", "auto", "img"}, "jdk")).isTrue();
    }

    @Test
    void otherCommandsAndHelpLoadNothing() {
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--help"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "-h"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--dir", "A", "-h"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "-V"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--version"}, null)).isFalse();
        // after "--" a "-h" is a path to protect, not the help
        assertThat(TlsPreload.wanted(new String[] {"agent", "protect", "--dir", "A", "--", "-h"}, null)).isTrue();
        assertThat(TlsPreload.wanted(new String[] {"agent", "enroll", "TOKEN"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[] {"scan", "example.org"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[] {"agent"}, null)).isFalse();
        assertThat(TlsPreload.wanted(new String[0], null)).isFalse();
        assertThat(TlsPreload.startIfWanted(new String[] {"vault", "serve"})).isNull();
    }

    @Test
    void aPreloadIsADaemonThatEnds() throws InterruptedException {
        Thread t = TlsPreload.startIfWanted(new String[] {"agent", "protect", "img"});
        if (t == null) {
            return; // LIFEBOAT_TLS_ENGINE=jdk in this test's environment: nothing to preload
        }
        assertThat(t.isDaemon()).as("never keeps the JVM up").isTrue();
        t.join(60_000);
        assertThat(t.isAlive()).isFalse();
    }

    /**
     * The preload also reads the JDK's public roots, which the first handshake's name check would
     * otherwise read on the event loop: in a fresh JVM ({@link TlsPreloadProbe}, {@code
     * -verbose:class}) the class that holds them is loaded by the preload of {@code agent protect},
     * and not when no preload runs.
     */
    @Test
    void thePreloadReadsThePublicRootsTheHandshakeWouldRead() throws Exception {
        String loaded = " " + TlsPreload.PUBLIC_ROOTS + " ";
        String out = probe("agent", "protect", "--dir", "/nowhere", "--once", "disk.img");
        assertThat(out).contains("probe: preload ran").contains(loaded);
        String jdk = probe("agent", "protect", "--engine", "jdk", "--once", "disk.img");
        assertThat(jdk).contains("probe: preload not started").doesNotContain(loaded);
    }

    /**
     * The preload also runs the ECDSA P-256 check that the first handshake's trust check would run
     * first on the event loop: in a fresh JVM, SunEC's point and P-256 field arithmetic are
     * loaded by the preload of {@code agent protect}, and not when no preload runs.
     */
    @Test
    void thePreloadRunsTheEcdsaCheckTheHandshakeWouldRunFirst() throws Exception {
        // (SunEC's ECDSASignature class is loaded without the check, by BoringSSL's probe: not a sign of it)
        List<String> ecdsa = List.of(" sun.security.ec.ECOperations ",
                " sun.security.util.math.intpoly.IntegerPolynomialP256 ");
        String out = probe("agent", "protect", "--dir", "/nowhere", "--once", "disk.img");
        assertThat(out).contains("probe: preload ran");
        ecdsa.forEach(c -> assertThat(out).contains(c));
        String jdk = probe("agent", "protect", "--engine", "jdk", "--once", "disk.img");
        assertThat(jdk).contains("probe: preload not started");
        ecdsa.forEach(c -> assertThat(jdk).doesNotContain(c));
    }

    /** The fixed signature holds: a check that failed early (a malformed key or signature) would warm nothing. */
    @Test
    void theWarmUpSignatureHolds() throws Exception {
        assertThat(TlsPreload.warmEcdsaCheck()).isTrue();
    }

    /** Runs the probe in a fresh JVM with {@code -verbose:class} and the command line {@code args}; its output. */
    private static String probe(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-verbose:class", "-cp", System.getProperty("java.class.path"),
                TlsPreloadProbe.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("LIFEBOAT_TLS_ENGINE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the probe ended").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
