package io.lifeboat.vault.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lifeboat.tls.LifeboatException;
import io.lifeboat.tls.pki.FileAccess;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** Small JSON state files of the vault and the agent: read, and written atomically (temp, fsync, rename). */
public final class JsonFiles {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonFiles() {
    }

    /** @throws LifeboatException USAGE naming the file when it cannot be read or parsed */
    public static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(Files.readAllBytes(file), type);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof LifeboatException refused) {
                // a well-formed file with a value its record refuses (a setting out of range): say which, not "damaged"
                throw new LifeboatException(refused.kind(), file + ": " + refused.getMessage(), e);
            }
            throw new LifeboatException(LifeboatException.Kind.USAGE,
                    file + " is damaged: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new LifeboatException(LifeboatException.Kind.FAILED, "cannot read " + file + ": " + e, e);
        }
    }

    /** @param secret create the file owner-only (0600, or an owner-only ACL on Windows); else readable by all */
    public static void write(Path file, Object value, boolean secret) throws IOException {
        writeBytes(file, MAPPER.writeValueAsBytes(value), secret);
    }

    public static void writeBytes(Path file, byte[] bytes, boolean secret) throws IOException {
        Files.createDirectories(file.getParent());
        // owner-only or readable on every platform (POSIX modes, or an ACL on Windows): FileAccess
        Path tmp = file.getParent().resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        if (secret) {
            FileAccess.createOwnerOnly(tmp);
        } else {
            FileAccess.createReadable(tmp);
        }
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
