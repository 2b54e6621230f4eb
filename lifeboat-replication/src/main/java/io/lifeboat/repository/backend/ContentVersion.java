package io.lifeboat.repository.backend;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The version of a file on a store without ETags (a local disk, memory): the SHA-256 of its bytes. A
 * compare-and-swap on the content is as good as one on a counter for the vault's state: a writer whose
 * read bytes are still the file's bytes computes the same change whatever happened in between.
 */
final class ContentVersion {
    private ContentVersion() {
    }

    static String of(byte[] data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
