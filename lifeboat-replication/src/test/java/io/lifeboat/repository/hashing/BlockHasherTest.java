package io.lifeboat.repository.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.hashing.BlockHasher.Basis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-CPU choice of block hashing, on sample cpuinfo texts, and that every choice names blocks alike. */
class BlockHasherTest {
    @TempDir
    Path dir;

    @Test
    void shaNiOnX86MeansMessageDigest() {
        assertThat(CpuShaExtensions.fromCpuInfo(CpuInfoTexts.X86_WITH_SHA)).contains(true);
        assertThat(BlockHasher.decide(CpuShaExtensions.fromCpuInfo(CpuInfoTexts.X86_WITH_SHA))).isEqualTo(Basis.SHA_EXTENSIONS);
    }

    @Test
    void x86WithoutTheFlagMeansTheKernelEvenWhenTheModelNameMentionsIt() {
        assertThat(CpuShaExtensions.fromCpuInfo(CpuInfoTexts.X86_WITHOUT_SHA)).contains(false);
        assertThat(BlockHasher.decide(CpuShaExtensions.fromCpuInfo(CpuInfoTexts.X86_WITHOUT_SHA)))
                .isEqualTo(Basis.NO_SHA_EXTENSIONS);
    }

    @Test
    void aarch64ReadsTheSha2Feature() {
        assertThat(CpuShaExtensions.fromCpuInfo(CpuInfoTexts.AARCH64_WITH_SHA2)).contains(true);
        assertThat(CpuShaExtensions.fromCpuInfo(CpuInfoTexts.AARCH64_WITHOUT_SHA2)).contains(false);
    }

    @Test
    void textWithoutFeatureLinesOrNoTextIsAnUnknownCpu() {
        assertThat(CpuShaExtensions.fromCpuInfo(CpuInfoTexts.NO_FEATURE_LINES)).isEmpty();
        assertThat(CpuShaExtensions.fromCpuInfo(null)).isEmpty();
        assertThat(BlockHasher.decide(Optional.empty())).isEqualTo(Basis.UNKNOWN_CPU);
    }

    @Test
    void anUnreadableOrMissingFileIsAnUnknownCpu() throws Exception {
        assertThat(BlockHasher.decide(dir.resolve("no-such-cpuinfo"))).isEqualTo(Basis.UNKNOWN_CPU);
        assertThat(BlockHasher.decide(Files.createDirectory(dir.resolve("a-folder")))).isEqualTo(Basis.UNKNOWN_CPU);
        assertThat(BlockHasher.decide(Files.writeString(dir.resolve("cpuinfo"), CpuInfoTexts.AARCH64_WITH_SHA2)))
                .isEqualTo(Basis.SHA_EXTENSIONS);
    }

    @Test
    void thisProcessChoseFromThisMachinesCpuAndSaysSo() throws Exception {
        Path proc = Path.of("/proc/cpuinfo");
        Basis expected = BlockHasher.decide(proc);
        assertThat(BlockHasher.basis()).isEqualTo(expected);
        assertThat(BlockHasher.describe()).contains(expected == Basis.SHA_EXTENSIONS ? "MessageDigest" : "SHA-256");
    }

    /**
     * MessageDigest and the kernel this CPU calls for name random blocks and blocks of every edge
     * length (the SHA-256 padding boundaries, a block size and one byte either side) the same.
     */
    @Test
    void bothImplementationsGiveIdenticalIds() throws Exception {
        int lanes = MultiBlockSha256.lanes(); // 1 where the JVM has no Vector API: then both paths are MessageDigest
        Random r = new Random(14);
        int[] lengths = {0, 1, 31, 55, 56, 57, 63, 64, 65, 119, 120, 128, 4095, 4096, 32767, 32768, 32769, 1 << 20};
        for (int length : lengths) {
            int count = 21; // a full batch of 16 lanes and a partial one
            byte[][] msgs = new byte[count][length];
            for (byte[] m : msgs) {
                r.nextBytes(m);
            }
            byte[][] kernel = new byte[count][32];
            byte[][] digest = new byte[count][32];
            MultiBlockSha256.digest(lanes, msgs, new int[count], length, count, kernel, new int[count]);
            MultiBlockSha256.digest(1, msgs, new int[count], length, count, digest, new int[count]);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < count; i++) {
                byte[] want = md.digest(msgs[i]);
                assertThat(kernel[i]).as("%d-lane kernel, length %d, message %d", lanes, length, i).isEqualTo(want);
                assertThat(digest[i]).as("MessageDigest path, length %d, message %d", length, i).isEqualTo(want);
                assertThat(BlockId.of(msgs[i])).isEqualTo(BlockId.fromBytes(want));
            }
        }
    }
}
