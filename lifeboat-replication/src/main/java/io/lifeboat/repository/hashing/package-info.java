/**
 * How block ids are hashed: {@link io.lifeboat.repository.hashing.BlockHasher} decides once per
 * process from the CPU (with SHA extensions, {@link java.security.MessageDigest}; without, the
 * vector kernel below). SHA-256 of many blocks at once. Every block is hashed twice on its way into the vault (the agent
 * names it, the vault checks it), and on CPUs without SHA extensions the JDK's one-message-at-a-time
 * SHA-256 (about 300 MB/s per core) was the largest cost of a protect pass. {@link
 * io.lifeboat.repository.hashing.MultiBlockSha256} hashes 16 equal-length blocks in the 16 lanes of
 * an AVX-512 vector (8 on AVX2) with the JDK's incubating Vector API, about 3x faster per core; it
 * needs {@code --add-modules jdk.incubator.vector} (the {@code lifeboat} launcher adds it for the
 * commands that hash in bulk) and falls back to {@link java.security.MessageDigest} without it.
 * In a fresh JVM the kernel is slow until C2 has compiled it, so {@code KernelWarmUp} warms it on
 * a background thread and lets it in only once it measures faster than MessageDigest ({@code
 * WarmUpVerdict} holds that rule). Every timed round also compares the kernel's digests with
 * MessageDigest's ({@code KernelSelfCheck}); one difference and the kernel is never used, and the
 * log says so at ERROR.
 */
package io.lifeboat.repository.hashing;
