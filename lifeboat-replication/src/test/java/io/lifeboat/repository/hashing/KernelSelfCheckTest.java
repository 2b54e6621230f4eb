package io.lifeboat.repository.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelSelfCheckTest {
    @Test
    void findsTheFirstDigestThatIsNotSha256() throws Exception {
        byte[][] msgs = new byte[5][100];
        byte[][] digests = new byte[5][];
        Random r = new Random(3);
        for (int i = 0; i < msgs.length; i++) {
            r.nextBytes(msgs[i]);
            digests[i] = MessageDigest.getInstance("SHA-256").digest(msgs[i]);
        }
        assertThat(KernelSelfCheck.firstMismatch(msgs, digests)).isEqualTo(-1);
        digests[3][31] ^= (byte) 0x80;
        assertThat(KernelSelfCheck.firstMismatch(msgs, digests)).isEqualTo(3);
    }

    /**
     * The warm-up as a vault or agent runs it, in a fresh JVM (the verdict is once per JVM), with
     * the kernel made to get a digest wrong: however fast it is, it is refused, the log says so,
     * and every digest the public entry point gives is still SHA-256.
     */
    @Test
    void aKernelThatGetsADigestWrongIsNeverUsedAndTheLogSaysSo() throws Exception {
        String out = KernelProbe.runInFreshJvm(CpuInfoTexts.withoutShaExtensions(), true);
        if (MultiBlockSha256.lanes() == 1) {
            return; // no vector kernel on this JVM or CPU: nothing to refuse
        }
        assertThat(out).as(out).contains("outcome=KERNEL_WRONG ")
                .contains("differs from MessageDigest's; the kernel is never used")
                .contains("digests differed from MessageDigest's in its warm-up: never used");
    }
}
