package io.lifeboat.vault.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lifeboat.repository.backend.Backend;
import io.lifeboat.repository.backend.FileType;
import io.lifeboat.repository.backend.Handle;
import io.lifeboat.tls.LifeboatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Small JSON records of the vault's state in the repository's store ({@code state/<kind>/<name>}): read,
 * created create-only, and changed by read-modify-write with {@link Backend#replace}, retried on a
 * conflict by reading again, so two nodes changing one record never lose either change.
 */
public final class StoreRecords {
    /** Conflicts in a row before giving up: each one means another writer succeeded, so this is never reached in practice. */
    private static final int ATTEMPTS = 64;

    private final Backend backend;

    StoreRecords(Backend backend) {
        this.backend = backend;
    }

    Backend backend() {
        return backend;
    }

    static Handle handle(String kind, String name) {
        return new Handle(FileType.STATE, kind + "/" + name);
    }

    /** @throws LifeboatException USAGE naming the record when it is damaged */
    <T> Optional<T> read(Handle h, Class<T> type) throws IOException {
        try {
            return Optional.of(parse(h, backend.read(h), type));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
    }

    <T> T parse(Handle h, byte[] json, Class<T> type) {
        try {
            return JsonFiles.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new LifeboatException(LifeboatException.Kind.USAGE, backend.location() + "/" + h + " is damaged: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] json(Object value) {
        try {
            return JsonFiles.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stores {@code data} under {@code h} whatever it holds now (the last writer wins, whole): create-only
     * when absent, else a replace conditional on the version just read, read again on a conflict. For
     * records with one writer (a node's announcement) or whose writers replace the whole (the policy).
     */
    public static void put(Backend backend, Handle h, byte[] data) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Backend.Versioned> current = backend.readVersioned(h);
            boolean stored = current.isPresent()
                    ? backend.replace(h, data, current.get().version()).isPresent()
                    : backend.create(h, data);
            if (stored) {
                return;
            }
        }
        throw new IOException("cannot write " + backend.location() + "/" + h + ": " + ATTEMPTS
                + " other writers changed it first; try again");
    }

    /** Creates the record unless it exists; false when it did. */
    boolean create(Handle h, Object value) throws IOException {
        return backend.create(h, json(value));
    }

    /**
     * Applies {@code change} to the record as it is now (empty when absent) and stores the result,
     * create-only when it was absent and conditional on its version otherwise; on a conflict reads again
     * and re-applies the change. Exceptions from {@code change} pass through, nothing written.
     */
    <T> T update(Handle h, Class<T> type, Function<Optional<T>, T> change) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Backend.Versioned> current = backend.readVersioned(h);
            T next = change.apply(current.map(v -> parse(h, v.data(), type)));
            boolean stored = current.isPresent()
                    ? backend.replace(h, json(next), current.get().version()).isPresent()
                    : backend.create(h, json(next));
            if (stored) {
                return next;
            }
        }
        throw new IOException("cannot update " + backend.location() + "/" + h + ": " + ATTEMPTS
                + " other writers changed it first; try again");
    }
}
