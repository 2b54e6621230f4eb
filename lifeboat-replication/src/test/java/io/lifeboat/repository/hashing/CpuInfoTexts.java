package io.lifeboat.repository.hashing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Samples of Linux's {@code /proc/cpuinfo}, trimmed to the lines that matter (real lines, real flags). */
final class CpuInfoTexts {
    /** An AMD EPYC (Zen) core: AVX2 and the SHA extensions. */
    static final String X86_WITH_SHA = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC 7B13
            flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr sse sse2 ssse3 fma cx16 sse4_1 sse4_2 \
            movbe popcnt aes xsave avx f16c rdrand avx2 bmi2 sha_ni clflushopt xsaveopt xsavec
            bugs\t\t: sysret_ss_attrs spectre_v1 spectre_v2

            """;
    /** An Intel Cascade Lake core: AVX-512, no SHA extensions (a "sha" in the model name must not count). */
    static final String X86_WITHOUT_SHA = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz (not sha_ni)
            flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep sse sse2 ssse3 fma cx16 sse4_1 sse4_2 \
            avx f16c avx2 bmi2 avx512f avx512dq avx512cd avx512bw avx512vl avx512_vnni
            """;
    /** An AWS Graviton 2 (Neoverse N1) core: sha2 among its features. */
    static final String AARCH64_WITH_SHA2 = """
            processor\t: 0
            BogoMIPS\t: 243.75
            Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp ssbs
            CPU implementer\t: 0x41
            """;
    /** An aarch64 core without the crypto extension (a Raspberry Pi 4's Cortex-A72 under most firmware). */
    static final String AARCH64_WITHOUT_SHA2 = """
            processor\t: 0
            BogoMIPS\t: 108.00
            Features\t: fp asimd evtstrm crc32 cpuid
            CPU implementer\t: 0x41
            """;
    /** Text with no flags or features lines at all (an emulator, another kernel's format). */
    static final String NO_FEATURE_LINES = """
            processor\t: 0
            model name\t: QEMU Virtual CPU version 2.5+
            """;

    private CpuInfoTexts() {
    }

    /** A file holding {@link #X86_WITHOUT_SHA}, for a JVM that must take the vector kernel's path. */
    static Path withoutShaExtensions() {
        return write(X86_WITHOUT_SHA);
    }

    /** A file holding {@link #X86_WITH_SHA}. */
    static Path withShaExtensions() {
        return write(X86_WITH_SHA);
    }

    private static Path write(String text) {
        try {
            Path f = Files.createTempFile("cpuinfo-", ".txt");
            f.toFile().deleteOnExit();
            return Files.writeString(f, text, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
