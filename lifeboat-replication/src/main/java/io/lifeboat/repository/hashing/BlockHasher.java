package io.lifeboat.repository.hashing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides how this process computes block ids (SHA-256), once, from what the CPU
 * has. Agent and vault both reach it through {@code BlockId}, so both name blocks the same way.
 *
 * <ul>
 *   <li><b>SHA extensions</b> ({@code sha_ni} on x86, {@code sha2} on aarch64): {@code MessageDigest},
 *       whose HotSpot intrinsic uses them. No vector kernel, no warm-up thread, no race: from the
 *       first block on, the fastest SHA-256 of this CPU.</li>
 *   <li><b>No SHA extensions</b>: the vector kernel ({@link MultiBlockSha256}) where the JVM has the
 *       Vector API, as before: warmed up off the hot path, let in only once it measures faster, and
 *       only while its digests match {@code MessageDigest}'s ({@code KernelSelfCheck}).</li>
 *   <li><b>Unknown CPU</b> (no readable {@code /proc/cpuinfo}: macOS, Windows, a sandbox): the same
 *       as without, because that path measures: its warm-up times the kernel against {@code
 *       MessageDigest} on the same bytes in thread CPU time and keeps {@code MessageDigest} unless
 *       the kernel takes at most 2/3 of its time ({@code WarmUpVerdict}), so a CPU with SHA
 *       extensions that we could not see still ends on {@code MessageDigest}.</li>
 * </ul>
 * Both give identical ids; only speed differs. The choice is logged once (DEBUG) and shown by
 * {@link #describe()} ({@code vault serve}'s start line).
 */
public final class BlockHasher {
    private static final Logger LOG = LoggerFactory.getLogger(BlockHasher.class);
    /**
     * Linux's CPU description. The system property {@code lifeboat.cpuinfo} names another file: for
     * tests that must run the kernel's path on a CPU with SHA extensions (a JVM of their own).
     */
    private static final Path CPUINFO = Path.of(System.getProperty("lifeboat.cpuinfo", "/proc/cpuinfo"));

    /** What the choice rests on. */
    public enum Basis {
        /** The CPU has SHA-256 instructions: MessageDigest. */
        SHA_EXTENSIONS,
        /** The CPU lacks them: the vector kernel, once warm and proven faster. */
        NO_SHA_EXTENSIONS,
        /** The CPU could not be asked: the measured warm-up decides. */
        UNKNOWN_CPU
    }

    private static final Basis BASIS = chooseOnce();

    private BlockHasher() {
    }

    /** The basis of this process's choice (decided once, when the class loads). */
    public static Basis basis() {
        return BASIS;
    }

    /** The rule, from what {@link CpuShaExtensions} read (empty: the CPU could not be asked). */
    static Basis decide(Optional<Boolean> shaExtensions) {
        return shaExtensions.map(has -> has ? Basis.SHA_EXTENSIONS : Basis.NO_SHA_EXTENSIONS).orElse(Basis.UNKNOWN_CPU);
    }

    /** {@link #decide} of a cpuinfo file; an unreadable or missing one is an unknown CPU. */
    static Basis decide(Path cpuinfo) {
        String text;
        try {
            text = Files.readString(cpuinfo, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            text = null;
        }
        return decide(CpuShaExtensions.fromCpuInfo(text));
    }

    /** True when the vector kernel may be used at all in this process (never with SHA extensions). */
    static boolean kernelAllowed() {
        return BASIS != Basis.SHA_EXTENSIONS;
    }

    /** One line for logs and start lines: what hashes blocks here, and why. */
    public static String describe() {
        return switch (BASIS) {
            case SHA_EXTENSIONS -> "SHA-256 by MessageDigest (the CPU has SHA extensions)";
            case NO_SHA_EXTENSIONS -> "SHA-256 by " + MultiBlockSha256.implementation() + " (the CPU has no SHA extensions)";
            case UNKNOWN_CPU -> "SHA-256 by " + MultiBlockSha256.implementation()
                    + " (CPU features unknown: the warm-up measures which is faster)";
        };
    }

    private static Basis chooseOnce() {
        Basis b = decide(CPUINFO);
        LOG.debug("block hashing: {} ({} reports {})", b == Basis.SHA_EXTENSIONS
                ? "MessageDigest, no vector kernel" : "vector kernel after a checked warm-up where the JVM has the Vector API",
                CPUINFO, b);
        return b;
    }
}
