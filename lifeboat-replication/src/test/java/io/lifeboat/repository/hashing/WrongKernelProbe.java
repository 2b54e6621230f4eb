package io.lifeboat.repository.hashing;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;

/**
 * Run in a JVM of its own by {@link KernelSelfCheckTest}: makes the vector kernel produce a wrong
 * digest (the test hook), starts the warm-up, waits for its verdict, then hashes through the
 * public entry point and checks every digest against MessageDigest. Prints
 * {@code outcome=... lanes=... match=...} after whatever the warm-up logged.
 */
public final class WrongKernelProbe {
    private WrongKernelProbe() {
    }

    public static void main(String[] args) throws Exception {
        MultiBlockSha256.makeKernelWrongForTest();
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
}
