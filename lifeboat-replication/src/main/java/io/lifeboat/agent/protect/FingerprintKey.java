package io.lifeboat.agent.protect;

import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.pki.FileAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The agent's secret key for {@link BlockFingerprint}: 64 random bits, made on first use and kept
 * beside the machine's private key ({@code A/fingerprint.key}, 0600, 16 hex digits).
 *
 * <p>Why a secret: a fingerprint decides "unchanged since the last point", so whoever can write
 * a block that keeps its fingerprint can make a point silently keep the old block. An unkeyed
 * fingerprint (the CRC pair it replaces was one: XOR a 9-byte multiple of the two polynomials'
 * product into any block and both CRCs stay) can be forged by content alone; a keyed one cannot
 * be aimed at without the key. Deleting the key is safe: the next pass finds every fingerprint
 * changed and hashes every block.
 */
public record FingerprintKey(long seed) {
    private static final int HEX_DIGITS = 16;

    /** A fresh random key, for a pass that keeps no records. */
    public static FingerprintKey random() {
        return new FingerprintKey(new SecureRandom().nextLong());
    }

    /**
     * Reads the key at {@code file}, making it (0600, created exclusively) when there is none.
     *
     * @throws LifeboatException of kind FAILED when the file is a link, unreadable or not a key
     */
    public static FingerprintKey loadOrCreate(Path file) {
        if (Files.isSymbolicLink(file)) {
            throw failed(file + " is a symbolic link; refusing to read or write the fingerprint key through it");
        }
        try {
            return read(file);
        } catch (NoSuchFileException e) {
            return create(file);
        } catch (IOException e) {
            throw failed("cannot read the fingerprint key " + file + ": " + e.getMessage());
        }
    }

    private static FingerprintKey read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (text.length() != HEX_DIGITS || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw failed("the fingerprint key " + file + " is not " + HEX_DIGITS
                    + " hex digits; delete it and the next pass makes a new one (and hashes every block)");
        }
        return new FingerprintKey(HexFormat.fromHexDigitsToLong(text));
    }

    /**
     * Writes a new key under a temporary name, then links it into place: a link is never made over
     * an existing file, so of two agents starting at once one key wins and both use it, and no
     * reader ever sees a half-written key.
     */
    private static FingerprintKey create(Path file) {
        FingerprintKey key = random();
        Path dir = file.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(temp);
            FileAccess.createOwnerOnly(temp); // 0600, or an owner-only ACL on Windows
            Files.writeString(temp, HexFormat.of().toHexDigits(key.seed()) + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.createLink(file, temp);
            return key;
        } catch (FileAlreadyExistsException e) {
            return loadOrCreate(file); // another agent process made it first: use theirs
        } catch (IOException e) {
            throw failed("cannot write the fingerprint key " + file + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a stray hidden temporary file; the key itself is in place or was never made
            }
        }
    }

    private static LifeboatException failed(String message) {
        return new LifeboatException(LifeboatException.Kind.FAILED, message);
    }

    @Override
    public String toString() {
        return "FingerprintKey[secret]"; // never in a log
    }
}
