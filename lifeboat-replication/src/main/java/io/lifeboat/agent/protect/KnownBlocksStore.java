package io.lifeboat.agent.protect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the agent keeps a {@link KnownBlocks} record per source: one file per source in a folder
 * of the agent's ({@code A/known-blocks/}), named by a hash of the source's absolute path.
 *
 * <p>Nothing here can fail a pass: a record that cannot be read is reported and ignored (the pass
 * hashes every block), one that cannot be written is reported and the next pass hashes every
 * block. A record is written under a temporary name and renamed, so a crash leaves the old record
 * or the new one; it is not synced, because a torn one fails its checksum and is ignored.
 */
public final class KnownBlocksStore {
    private static final String SUFFIX = ".known";
    private final Path dir;
    private final BlockFingerprint fingerprint;

    /** Records in {@code dir} (created when first written); null keeps none. */
    private KnownBlocksStore(Path dir, FingerprintKey key) {
        this.dir = dir;
        this.fingerprint = new BlockFingerprint(key);
    }

    /** Records in {@code dir}, of fingerprints keyed with the agent's {@code key}. */
    public static KnownBlocksStore in(Path dir, FingerprintKey key) {
        return new KnownBlocksStore(dir, key);
    }

    /** A store that keeps nothing: every pass hashes every block. */
    public static KnownBlocksStore none() {
        return new KnownBlocksStore(null, FingerprintKey.random());
    }

    /** The fingerprint the records are of: a pass fingerprints its blocks with it. */
    BlockFingerprint fingerprint() {
        return fingerprint;
    }

    KnownBlocks load(Path source, int blockSize, ProtectListener listener) {
        if (dir == null) {
            return KnownBlocks.NONE;
        }
        Path file = fileOf(source);
        try (InputStream in = Files.newInputStream(file)) {
            return KnownBlocksCodec.read(in, Files.size(file), key(source), blockSize);
        } catch (NoSuchFileException e) {
            return KnownBlocks.NONE;
        } catch (IOException e) {
            listener.notice("ignoring the record of " + source + "'s last point in " + file + " (" + e.getMessage()
                    + "): hashing every block this pass");
            return KnownBlocks.NONE;
        }
    }

    void save(Path source, KnownBlocks record, ProtectListener listener) {
        if (dir == null) {
            return;
        }
        Path file = fileOf(source);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(temp)) {
                KnownBlocksCodec.write(record, key(source), out);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            forget(source);
            listener.notice("cannot record " + source + "'s point in " + file + " (" + e
                    + "): the next pass hashes every block");
        }
    }

    /** Drops the record of {@code source}: its next pass hashes every block. */
    void forget(Path source) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(fileOf(source));
        } catch (IOException e) {
            // a record that stays is still checked by the vault's commit
        }
    }

    /** Drops every record ({@code agent protect --rehash}). */
    public void forgetAll() throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(SUFFIX)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private Path fileOf(Path source) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key(source).getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(h, 0, 16) + SUFFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    private static String key(Path source) {
        return source.toAbsolutePath().normalize().toString();
    }
}
