package io.lifeboat.repository.hashing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Compares the vector kernel's digests with {@link MessageDigest}'s on the same messages. The
 * warm-up runs it on every round it times, so a kernel that ever hashes a warm-up message wrong
 * (a JIT bug, a miscompiled intrinsic, a broken CPU lane) is never let in, however fast it is:
 * a wrong SHA-256 would name a block by bytes it does not hold.
 */
final class KernelSelfCheck {
    private KernelSelfCheck() {
    }

    /** The index of the first of {@code msgs} whose digest in {@code digests} is not its SHA-256, or -1. */
    static int firstMismatch(byte[][] msgs, byte[][] digests) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
        for (int i = 0; i < msgs.length; i++) {
            if (!MessageDigest.isEqual(md.digest(msgs[i]), digests[i])) {
                return i;
            }
        }
        return -1;
    }
}
