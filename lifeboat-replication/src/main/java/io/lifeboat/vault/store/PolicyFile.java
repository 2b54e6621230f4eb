package io.lifeboat.vault.store;

import io.lifeboat.repository.StoragePolicy;
import io.lifeboat.repository.StoragePolicyCodec;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The vault's storage policy ({@code V/policy.json}): retention per machine, the lock period and the
 * free-space reserve. Only the operator writes it ({@code vault init}, {@code vault policy}); the
 * serving vault reads it again at every commit, upload and prune, so a change needs no restart. No
 * vault request reads or writes it. A vault without the file has {@link StoragePolicy#DEFAULT}.
 */
public record PolicyFile(Path file) implements PolicyStore {

    /** @throws LifeboatException USAGE naming the file when it is damaged (retention then deletes nothing) */
    @Override
    public StoragePolicy read() {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return StoragePolicy.DEFAULT;
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot read " + file + ": " + e, e);
        }
        return StoragePolicyCodec.fromJson(json, file.toString());
    }

    /** Writes atomically (temp, fsync, rename): a crash leaves the old policy or the new one. */
    @Override
    public void write(StoragePolicy policy) throws IOException {
        JsonFiles.write(file, StoragePolicyCodec.node(policy), false); // indented, for the operator's eyes
    }
}
