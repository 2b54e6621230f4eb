package io.lifeboat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A one-shot command's JVM never sets up JFR for netty's allocation events (0.06 CPU s of a cold
 * start), the vault's keeps netty's default, and a value given on the command line wins. Each case is
 * a fresh JVM ({@link NettyJfrEventsProbe}, which allocates from netty's adaptive allocator) whose
 * loaded classes ({@code -verbose:class}) are counted: netty reads the property once per JVM.
 */
class NettyJfrEventsTest {
    /** The event class netty loads at its first chunk when its JFR events are on. */
    private static final String NETTY_EVENT = " io.netty.buffer.AllocateChunkEvent ";
    /** JFR's metadata, set up by the JVM when it instruments an event class. */
    private static final String JFR_METADATA = " jdk.jfr.internal.MetadataRepository ";

    @Test
    void aOneShotCommandLoadsNeitherNettysEventsNorJfrsMetadata() throws Exception {
        String out = probe(List.of(), "agent", "protect", "--dir", "/nowhere", "--once", "disk.img");
        assertTrue(out.contains("probe: allocated, io.netty.jfr.enabled=false"), out);
        assertFalse(out.contains(NETTY_EVENT), "netty's event class loaded");
        assertFalse(out.contains(JFR_METADATA), "JFR's metadata set up");
        String failover = probe(List.of(), "failover", "--help");
        assertFalse(failover.contains(NETTY_EVENT), "netty's event class loaded for failover");
    }

    @Test
    void theVaultKeepsNettysDefault() throws Exception {
        String out = probe(List.of(), "vault", "serve", "--dir", "/nowhere");
        assertTrue(out.contains("probe: allocated, io.netty.jfr.enabled=null"), out);
        assertTrue(out.contains(NETTY_EVENT), "netty's event class not loaded: the probe sees nothing");
        assertTrue(out.contains(JFR_METADATA), "JFR's metadata not set up");
    }

    @Test
    void aValueOnTheCommandLineWins() throws Exception {
        String out = probe(List.of("-Dio.netty.jfr.enabled=true"), "agent", "protect", "--once", "disk.img");
        assertTrue(out.contains("probe: allocated, io.netty.jfr.enabled=true"), out);
        assertTrue(out.contains(NETTY_EVENT), "netty's event class not loaded");
    }

    @Test
    void onlyVaultServeKeepsThem() {
        assertTrue(NettyJfrEvents.keptFor(new String[] {"vault", "serve"}));
        assertFalse(NettyJfrEvents.keptFor(new String[] {"vault", "init"}));
        assertFalse(NettyJfrEvents.keptFor(new String[] {"serve"}));
        assertFalse(NettyJfrEvents.keptFor(new String[] {}));
    }

    /** Runs the probe in a fresh JVM with {@code jvmOptions} and the command line {@code args}; its stdout. */
    private static String probe(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-verbose:class");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(NettyJfrEventsProbe.class.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe did not end");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
