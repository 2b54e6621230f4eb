package io.lifeboat.repository.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The hash choice as a vault or agent makes it, in a JVM of its own (the verdict is once per JVM,
 * and a test JVM that has run both kernels leaves the JIT unfit to time either): starts the warm-up,
 * waits for its verdict, then hashes through the public entry point and checks every digest against
 * MessageDigest. Prints {@code implementation=...} and {@code outcome=... lanes=... match=...}.
 * With {@code --wrong-kernel} the vector kernel is first made to get a digest wrong (the test hook).
 */
public final class KernelProbe {
    private KernelProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--wrong-kernel")) {
            MultiBlockSha256.makeKernelWrongForTest();
        }
        MultiBlockSha256.prepare();
        MultiBlockSha256.awaitKernel(120);
        byte[][] msgs = new byte[40][32768];
        Random r = new Random(9);
        for (byte[] m : msgs) {
            r.nextBytes(m);
        }
        byte[][] out = MultiBlockSha256.digest(msgs);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        boolean match = true;
        for (int i = 0; i < msgs.length; i++) {
            match &= Arrays.equals(out[i], md.digest(msgs[i]));
        }
        System.out.println("implementation=" + MultiBlockSha256.implementation());
        System.out.println("outcome=" + KernelWarmUp.outcome() + " lanes=" + MultiBlockSha256.lanes() + " match=" + match);
    }

    /**
     * Runs the probe in a fresh JVM that reads the file {@code cpuinfo} as its /proc/cpuinfo; checks that it
     * ended, exited 0 and that every digest matched; returns all it printed (the warm-up's log too).
     */
    static String runInFreshJvm(Path cpuinfo, boolean wrongKernel) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Dlifeboat.cpuinfo=" + cpuinfo,
                "-cp", System.getProperty("java.class.path"), KernelProbe.class.getName()));
        if (wrongKernel) {
            cmd.add("--wrong-kernel");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("the probe JVM ends").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as(out).contains("match=true");
        return out;
    }
}
